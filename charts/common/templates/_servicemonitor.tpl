{#-
  service_monitor(root): k8s-service's Prometheus-operator ServiceMonitor, also rendered by k8s-daemon-set.
  root: dict with `Values`, `Release`, `Chart`, `Capabilities` (macros do not see the caller's context).

  A ServiceMonitor (`serviceMonitor.enabled`) scraping the Service; `serviceMonitor.endpoints` is a map whose
  values (in key order) are the endpoints.
-#}

{% import "_lib.tpl" as lib %}

{% macro service_monitor(root) -%}
{%- set Values = root.Values -%}
{%- set Release = root.Release -%}
{{- lib.expect_map(Values.serviceMonitor, "serviceMonitor") -}}
{%- if Values.serviceMonitor.enabled -%}
{%- set monitor = Values.serviceMonitor -%}
{#- Read with `values`, which takes nothing but a map (a nulled one fails too). -#}
{{- lib.expect_map(monitor.endpoints, "serviceMonitor.endpoints") -}}
{%- set endpoints = monitor.endpoints -%}
{%- set app_name = lib.name(root) %}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ lib.fullname(root) }}
{%- if monitor.namespace %}
  namespace: {{ monitor.namespace }}
{%- endif %}
  labels:
    chart: {{ lib.chart(root) }}
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
