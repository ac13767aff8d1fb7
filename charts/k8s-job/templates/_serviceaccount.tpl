{#-
  STOPGAP COPY of k8s-service's `templates/serviceaccount.yaml` (body verbatim), as the macro `service_account(root)`. Only
  `charts/common` templates are registered in every chart's environment (core/src/chart.rs), so a chart cannot
  import k8s-service's templates; this file is meant to move to `common/templates/_serviceaccount.tpl`, k8s-service's
  `serviceaccount.yaml` to call it, and the copies in k8s-daemon-set / k8s-job to be deleted.

  A ServiceAccount named `serviceAccount.name` (`serviceAccount.create`), with the chart's image pull secrets.
  Annotations are written as Gruntwork's chart writes them: the first one deeper than the others, which YAML
  accepts only for a single annotation.
-#}

{% import "common/templates/_checks.tpl" as checks %}
{% import "common/templates/_names.tpl" as names %}

{% macro service_account(root) -%}
{%- set Values = root.Values -%}
{%- set Release = root.Release -%}
{{- checks.expect_map(Values.serviceAccount, "serviceAccount") -}}
{%- if Values.serviceAccount.create -%}
{%- set account = Values.serviceAccount %}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ account.name }}
  namespace: {{ Release.Namespace }}
  labels:
    app: {{ names.name(root) }}
{%- if account.labels %}{{ account.labels | toYaml | nindent(4) }}{% endif %}
{%- if account.annotations %}
  annotations:
    {{ account.annotations | toYaml | indent(4) }}
{%- endif %}
{%- if Values.imagePullSecrets %}
imagePullSecrets:
{%- for secret_name in Values.imagePullSecrets %}
  - name: {{ secret_name }}
{%- endfor %}
{%- endif %}
{%- endif %}
{%- endmacro %}
