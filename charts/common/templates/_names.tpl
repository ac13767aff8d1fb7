{#-
  Naming helpers shared by every chart. Each macro takes `root`, a dict with the chart's `Values`, `Release`,
  `Chart` (and `Capabilities`), because macros do not see the calling template's context.

  - name(root): `applicationName`, required, cut to 63 characters (a DNS label) without a trailing dash.
  - fullname(root): the name of the workload and its companions. `fullnameOverride` wins; a release name that
    already contains the application name is used alone; otherwise `<release>-<applicationName>`. Cut to 63.
  - chart(root): the `helm.sh/chart` label, `<chart>-<version>` with `+` made label-safe.
-#}

{% import "_checks.tpl" as checks %}

{#- The name helpers run string functions on these, which Helm refuses for numbers and booleans. -#}
{% macro name(root) -%}
{%- set app = root.Values.applicationName | required("applicationName is required") -%}
{{- checks.expect_string(app, "applicationName") -}}
{{ app | trunc(63) | trimSuffix("-") }}
{%- endmacro %}

{% macro fullname(root) -%}
{%- set app = root.Values.applicationName | required("applicationName is required") -%}
{{- checks.expect_string(app, "applicationName") -}}
{%- if root.Values.fullnameOverride -%}
{{- checks.expect_string(root.Values.fullnameOverride, "fullnameOverride") -}}
{{ root.Values.fullnameOverride | trunc(63) | trimSuffix("-") }}
{%- elif app in root.Release.Name -%}
{{ root.Release.Name | trunc(63) | trimSuffix("-") }}
{%- else -%}
{{ printf("%s-%s", root.Release.Name, app) | trunc(63) | trimSuffix("-") }}
{%- endif -%}
{%- endmacro %}

{% macro chart(root) -%}
{{ printf("%s-%s", root.Chart.Name, root.Chart.Version) | replace("+", "_") | trunc(63) | trimSuffix("-") }}
{%- endmacro %}
