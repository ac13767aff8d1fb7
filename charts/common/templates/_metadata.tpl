{#-
  workload_labels(root, app_name, extra_labels): the `metadata.labels` of a workload (k8s-service's Deployment and
  canary Deployment, k8s-daemon-set's DaemonSet, k8s-job's Job / CronJob and its jobTemplate).
  - root: dict with `Values`, `Release`, `Chart`, `Capabilities` (macros do not see the caller's context).
  - app_name: `names.name(root)`, which every caller already has (so it is not worked out twice).
  - extra_labels: the chart's additional labels (`additionalDeploymentLabels`, `additionalDaemonSetLabels`,
    `additionalJobLabels`), in key order, values always quoted (`"{{ value }}"`) so they stay strings.

  Returns the lines starting on a new line at the depth of a top-level object's `metadata.labels` (4 spaces):

      metadata:
        labels:{{ meta.workload_labels(root, app_name, Values.additionalDeploymentLabels) }}

  Pipe it through `indent(n)` for a deeper `labels:` (a CronJob's `jobTemplate.metadata.labels`).
-#}

{% import "_names.tpl" as names %}

{% macro workload_labels(root, app_name, extra_labels) %}
    helm.sh/chart: {{ names.chart(root) }}
    app.kubernetes.io/name: {{ app_name }}
    app.kubernetes.io/instance: {{ root.Release.Name }}
    app.kubernetes.io/managed-by: {{ root.Release.Service }}
{%- set entries = extra_labels or {} %}
{%- for entry in entries %}{% set key, value = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
    {{ key }}: "{{ value }}"
{%- endfor %}
{%- endmacro %}
