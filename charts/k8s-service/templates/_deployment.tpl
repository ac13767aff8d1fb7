{#-
  The Deployment of k8s-service, main track or canary track: a named template, included by deployment.yaml and
  canarydeployment.yaml after they set `canary` (it reads their context, as `_pod.tpl` does). Both tracks share
  the pod template of the `common` library chart; the canary differs in its name (`-canary`), its
  `gruntwork.io/deployment-type` label, its image (`canary.containerImage`) and its replica count
  (`canary.replicaCount`, default 1).
-#}
{%- with -%}
{#- The pod first: its checks (value types, `as` kinds) come before any naming error, as in Helm. -#}
{#- Kept between renders while the values it reads stay the same (an edit of replicaCount does not run it). -#}
{%- set pod_template = includeKept("common/templates/_pod.tpl", canary=canary, pod_extra=pod_extra, extra_volumes=extra_volumes, extra_mounts=extra_mounts) -%}
{%- set app_name -%}{% include "common/templates/_name.tpl" %}{%- endset -%}
{%- set deployment_type = "canary" if canary else "main" -%}
{%- if Values.deploymentStrategy is not mapping -%}
{{ fail(printf("%s must be a map, got %s", "deploymentStrategy", typeOf(Values.deploymentStrategy)), "deploymentStrategy") }}
{%- endif -%}
{%- set labels = Values.additionalDeploymentLabels -%}
{%- if labels is not none and labels is not undefined and labels is not mapping and labels is not sequence -%}
{{ fail(printf("%s must be a map or a list, got %s (range can't iterate over it)", "additionalDeploymentLabels", typeOf(labels)), "additionalDeploymentLabels") }}
{%- endif -%}
{%- set strategy = Values.deploymentStrategy %}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {% include "common/templates/_fullname.tpl" %}{{ "-canary" if canary else "" }}
  labels:{% with extra_labels = Values.additionalDeploymentLabels %}{% include "common/templates/_workload_labels.tpl" %}{% endwith %}
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
      app.kubernetes.io/instance: {{ Release.Name }}
      gruntwork.io/deployment-type: {{ deployment_type }}
  template:{{ pod_template }}
{% endwith %}
