{#-
  STOPGAP COPY of k8s-service's `templates/servicemonitor.yaml`, as a macro; meant to move verbatim to
  `common/templates/_servicemonitor.tpl` and be deleted here (see `_serviceaccount.tpl`).

  service_monitor(root): a Prometheus-operator ServiceMonitor (`serviceMonitor.enabled`) scraping the Service;
  `serviceMonitor.endpoints` is a map whose values (in key order) are the endpoints.
-#}

{% import "common/templates/_names.tpl" as names %}

{% macro service_monitor(root) -%}
{%- set Values = root.Values -%}
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
    heritage: "{{ root.Release.Service }}"
{%- if monitor.labels %}{{ monitor.labels | toYaml | nindent(4) }}{% endif %}
spec:
  endpoints:{{ endpoints | items | map("last") | list | toYaml | nindent(6) }}
  selector:
    matchLabels:
      app.kubernetes.io/name: {{ app_name }}
{%- endif %}
{%- endmacro %}
