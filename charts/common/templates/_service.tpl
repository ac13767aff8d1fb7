{#-
  service(root): k8s-service's Service, also rendered by k8s-daemon-set.
  root: dict with `Values`, `Release`, `Chart`, `Capabilities` (macros do not see the caller's context).

  A Service (`service.enabled`): a stable address in front of the pods (main and canary alike), selecting them by
  `app.kubernetes.io/name` and `app.kubernetes.io/instance`; `service.ports` is a map of named ports.
-#}

{% import "_lib.tpl" as lib %}

{% macro service(root) -%}
{%- set Values = root.Values -%}
{%- set Release = root.Release -%}
{{- lib.expect_map(Values.service, "service") -}}
{%- if Values.service.enabled -%}
{%- set service = Values.service -%}
{{- lib.expect_collection(service.ports, "service.ports") -}}
{%- set app_name = lib.name(root) %}
apiVersion: v1
kind: Service
metadata:
  name: {{ lib.fullname(root) }}
  labels:
    app.kubernetes.io/name: {{ app_name }}
    helm.sh/chart: {{ lib.chart(root) }}
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
