{#-
  STOPGAP COPY of k8s-service's `templates/servicemonitor.yaml` (body verbatim), as the macro `service_monitor(root)`. Only
  `charts/common` templates are registered in every chart's environment (core/src/chart.rs), so a chart cannot
  import k8s-service's templates; this file is meant to move to `common/templates/_servicemonitor.tpl`, k8s-service's
  `servicemonitor.yaml` to call it, and the copies in k8s-daemon-set / k8s-job to be deleted.

  A Prometheus-operator ServiceMonitor (`serviceMonitor.enabled`) scraping the Service; `serviceMonitor.endpoints`
  is a map whose values (in key order) are the endpoints.
-#}

{% import "common/templates/_checks.tpl" as checks %}
{% import "common/templates/_names.tpl" as names %}

{% macro service_monitor(root) -%}
{%- set Values = root.Values -%}
{%- set Release = root.Release -%}
{{- checks.expect_map(Values.serviceMonitor, "serviceMonitor") -}}
{%- if Values.serviceMonitor.enabled -%}
{%- set monitor = Values.serviceMonitor -%}
{%- set endpoints = monitor.endpoints or {} -%}
{%- if endpoints is not mapping -%}
{{ fail("serviceMonitor.endpoints must be a map") }}
{%- endif -%}
{%- set app_name = names.name(root) %}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ names.fullname(root) }}
{%- if monitor.namespace %}
  namespace: {{ monitor.namespace }}
{%- endif %}
  labels:
    chart: {{ names.chart(root) }}
    app: {{ app_name }}
    heritage: "{{ Release.Service }}"
{%- if monitor.labels %}{{ monitor.labels | toYaml | nindent(4) }}{% endif %}
spec:
  endpoints:{{ endpoints | items | map("last") | list | toYaml | nindent(6) }}
  selector:
    matchLabels:
      app.kubernetes.io/name: {{ app_name }}
{%- endif %}
{%- endmacro %}
