{#-
  STOPGAP COPY of k8s-service's `templates/service.yaml` (body verbatim), as the macro `service(root)`. Only
  `charts/common` templates are registered in every chart's environment (core/src/chart.rs), so a chart cannot
  import k8s-service's templates; this file is meant to move to `common/templates/_service.tpl`, k8s-service's
  `service.yaml` to call it, and the copies in k8s-daemon-set / k8s-job to be deleted.

  A Service (`service.enabled`): a stable address in front of the pods (main and canary alike).
-#}

{% import "common/templates/_checks.tpl" as checks %}
{% import "common/templates/_names.tpl" as names %}

{% macro service(root) -%}
{%- set Values = root.Values -%}
{%- set Release = root.Release -%}
{{- checks.expect_map(Values.service, "service") -}}
{%- if Values.service.enabled -%}
{%- set service = Values.service -%}
{%- set app_name = names.name(root) %}
apiVersion: v1
kind: Service
metadata:
  name: {{ names.fullname(root) }}
  labels:
    app.kubernetes.io/name: {{ app_name }}
    helm.sh/chart: {{ names.chart(root) }}
    app.kubernetes.io/instance: {{ Release.Name }}
    app.kubernetes.io/managed-by: {{ Release.Service }}
{%- if service.annotations %}
  annotations:
{{ service.annotations | toYaml | indent(4) }}
{%- endif %}
spec:
  type: {{ service.type | default("ClusterIP") }}
  ports:
{%- set entries = service.ports or {} %}
{%- for entry in entries %}{% set port_name, port = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
    - name: {{ port_name }}
{{ port | toYaml | indent(6) }}
{%- endfor %}
{%- if service.clusterIP %}
  clusterIP: {{ service.clusterIP }}
{%- endif %}
  selector:
    app.kubernetes.io/name: {{ app_name }}
    app.kubernetes.io/instance: {{ Release.Name }}
{%- if service.externalTrafficPolicy %}
  externalTrafficPolicy: {{ service.externalTrafficPolicy }}
{%- endif %}
{%- if service.internalTrafficPolicy %}
  internalTrafficPolicy: {{ service.internalTrafficPolicy }}
{%- endif %}
{%- if service.sessionAffinity %}
  sessionAffinity: {{ service.sessionAffinity }}
{%- if service.sessionAffinityConfig %}
  sessionAffinityConfig:
{{ service.sessionAffinityConfig | toYaml | indent(4) }}
{%- endif %}
{%- endif %}
{%- endif %}
{%- endmacro %}
