{#-
  STOPGAP COPY of k8s-service's `templates/service.yaml`, as a macro; meant to move verbatim to
  `common/templates/_service.tpl` and be deleted here (see `_serviceaccount.tpl`).

  service(root): a Service (`service.enabled`): a stable address in front of the pods.
-#}

{% import "common/templates/_names.tpl" as names %}

{% macro service(root) -%}
{%- set Values = root.Values -%}
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
    app.kubernetes.io/instance: {{ root.Release.Name }}
    app.kubernetes.io/managed-by: {{ root.Release.Service }}
{%- if service.annotations %}
  annotations:
{{ service.annotations | toYaml | indent(4) }}
{%- endif %}
spec:
  type: {{ service.type | default("ClusterIP") }}
  ports:
{%- for port_name, port in (service.ports or {}) | items %}
    - name: {{ port_name }}
{{ port | toYaml | indent(6) }}
{%- endfor %}
{%- if service.clusterIP %}
  clusterIP: {{ service.clusterIP }}
{%- endif %}
  selector:
    app.kubernetes.io/name: {{ app_name }}
    app.kubernetes.io/instance: {{ root.Release.Name }}
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
