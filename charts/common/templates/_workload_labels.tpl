{#-
  A named template (see `_name.tpl`): the `metadata.labels` of a workload (k8s-service's Deployment and canary
  Deployment, k8s-daemon-set's DaemonSet, k8s-job's Job / CronJob and its jobTemplate). Reads `Release`, `Chart`,
  `app_name` (the application's name, which every workload already has) and `extra_labels` (the chart's
  additional labels: `additionalDeploymentLabels`, …), written in key order, values always quoted so they stay
  strings. Prints lines each starting on a new line at the depth of a top-level object's `metadata.labels`:

      metadata:
        labels:{% with extra_labels = Values.additionalDeploymentLabels %}{% include "common/templates/_workload_labels.tpl" %}{% endwith %}
-#}
{%- with %}
    helm.sh/chart: {% include "common/templates/_chart.tpl" %}
    app.kubernetes.io/name: {{ app_name }}
    app.kubernetes.io/instance: {{ Release.Name }}
    app.kubernetes.io/managed-by: {{ Release.Service }}
{%- set entries = extra_labels or {} %}
{%- for entry in entries %}{% set key, value = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
    {{ key }}: "{{ value }}"
{%- endfor %}
{%- endwith -%}
