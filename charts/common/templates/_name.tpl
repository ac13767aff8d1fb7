{#-
  A named template, included the way Helm includes a `define`: it reads `Values` from the including template's
  context and prints the application's name: `applicationName`, required, cut to 63 characters (a DNS label)
  without a trailing dash. Helm refuses string functions on numbers and booleans, so does this.

      {%- set app_name -%}{% include "common/templates/_name.tpl" %}{%- endset -%}

  (Templates that already import `_lib.tpl` call `lib.name(root)`, which includes this file.)
-#}
{%- with app = Values.applicationName | required("applicationName is required", "applicationName") -%}
{%- if app is not none and app is not undefined and app is not string -%}
{{ fail(printf("%s must be a string, got %s", "applicationName", typeOf(app)), "applicationName") }}
{%- endif -%}
{{ app | trunc(63) | trimSuffix("-") }}
{%- endwith -%}
