{#-
  The Deployment of k8s-service, main track or canary track (`canary=true`). Both share the pod template of the
  `common` library chart; the canary differs in its name (`-canary`), its `gruntwork.io/deployment-type` label,
  its image (`canary.containerImage`) and its replica count (`canary.replicaCount`, default 1).
-#}

{% import "common/templates/_lib.tpl" as lib %}

{% macro deployment(root, canary=false) -%}
{%- set Values = root.Values -%}
{#- The pod first: its checks (value types, `as` kinds) come before any naming error, as in Helm. -#}
{%- set pod_template = lib.pod_template(root, canary=canary) -%}
{%- set app_name = lib.name(root) -%}
{%- set deployment_type = "canary" if canary else "main" -%}
{{- lib.expect_map(Values.deploymentStrategy, "deploymentStrategy") -}}
{{- lib.expect_collection(Values.additionalDeploymentLabels, "additionalDeploymentLabels") -}}
{%- set strategy = Values.deploymentStrategy %}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ lib.fullname(root) }}{{ "-canary" if canary else "" }}
  labels:{{ lib.workload_labels(root, app_name, Values.additionalDeploymentLabels) }}
{%- if Values.deploymentAnnotations %}
  annotations:
{{ Values.deploymentAnnotations | toYaml | indent(4) }}
{%- endif %}
spec:
{%- if canary %}
  replicas: {{ Values.canary.replicaCount | default(1) }}
{%- elif not Values.horizontalPodAutoscaler.enabled %}
  {#- With an autoscaler, the replica count is its business. #}
  replicas: {{ Values.replicaCount }}
{%- endif %}
{%- if strategy.enabled %}
  strategy:
    type: {{ strategy.type }}
{%- if strategy.type == "RollingUpdate" and strategy.rollingUpdate %}
    rollingUpdate:
{{ strategy.rollingUpdate | toYaml | indent(6) }}
{%- endif %}
{%- endif %}
  selector:
    matchLabels:
      app.kubernetes.io/name: {{ app_name }}
      app.kubernetes.io/instance: {{ root.Release.Name }}
      gruntwork.io/deployment-type: {{ deployment_type }}
  template:{{ pod_template }}
{% endmacro %}
