{#-
  service_account(root): k8s-service's ServiceAccount, also rendered by k8s-daemon-set and k8s-job.
  root: dict with `Values`, `Release`, `Chart`, `Capabilities` (macros do not see the caller's context).

  A ServiceAccount named `serviceAccount.name` (`serviceAccount.create`), with the chart's image pull secrets.
  Annotations are written as Gruntwork's chart writes them: the first one deeper than the others, which YAML
  accepts only for a single annotation. Renders nothing (but checks `serviceAccount` is a map) when not created.
-#}

{% import "_lib.tpl" as lib %}

{% macro service_account(root) -%}
{%- set Values = root.Values -%}
{%- set Release = root.Release -%}
{{- lib.expect_map(Values.serviceAccount, "serviceAccount") -}}
{%- if Values.serviceAccount.create -%}
{%- set account = Values.serviceAccount %}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ account.name }}
  namespace: {{ Release.Namespace }}
  labels:
    app: {{ lib.name(root) }}
{%- if account.labels %}{{ account.labels | toYaml | nindent(4) }}{% endif %}
{%- if account.annotations %}
  annotations:
    {{ account.annotations | toYaml | indent(4) }}
{%- endif %}
{%- if Values.imagePullSecrets %}
imagePullSecrets:
{%- for secret_name in (Values.imagePullSecrets | items | map("last") if Values.imagePullSecrets is mapping else Values.imagePullSecrets) %}
  - name: {{ secret_name }}
{%- endfor %}
{%- endif %}
{%- endif %}
{%- endmacro %}
