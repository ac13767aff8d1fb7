{#-
  A named template (see `_name.tpl`); reads `Values` and `Release`, prints the name of the workload and its
  companions: `fullnameOverride` wins; a release name that already contains the application name is used alone;
  otherwise `<release>-<applicationName>`. Cut to 63 characters without a trailing dash.
-#}
{%- with app = Values.applicationName | required("applicationName is required", "applicationName") -%}
{%- if app is not none and app is not undefined and app is not string -%}
{{ fail(printf("%s must be a string, got %s", "applicationName", typeOf(app)), "applicationName") }}
{%- endif -%}
{%- if Values.fullnameOverride -%}
{%- if Values.fullnameOverride is not string -%}
{{ fail(printf("%s must be a string, got %s", "fullnameOverride", typeOf(Values.fullnameOverride)), "fullnameOverride") }}
{%- endif -%}
{{ Values.fullnameOverride | trunc(63) | trimSuffix("-") }}
{%- elif app in Release.Name -%}
{{ Release.Name | trunc(63) | trimSuffix("-") }}
{%- else -%}
{{ printf("%s-%s", Release.Name, app) | trunc(63) | trimSuffix("-") }}
{%- endif -%}
{%- endwith -%}
