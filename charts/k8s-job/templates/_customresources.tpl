{#-
  STOPGAP COPY of k8s-service's `templates/customresources.yaml` (body verbatim), as the macro `custom_resources(root)`. Only
  `charts/common` templates are registered in every chart's environment (core/src/chart.rs), so a chart cannot
  import k8s-service's templates; this file is meant to move to `common/templates/_customresources.tpl`, k8s-service's
  `customresources.yaml` to call it, and the copies in k8s-daemon-set / k8s-job to be deleted.

  Extra manifests (`customResources.enabled`): each value of `customResources.resources` is a YAML document
  written as given, one document per key, in key order.
-#}

{% import "common/templates/_checks.tpl" as checks %}

{% macro custom_resources(root) -%}
{%- set Values = root.Values -%}
{%- set Release = root.Release -%}
{{- checks.expect_map(Values.customResources, "customResources") -}}
{%- if Values.customResources.enabled -%}
{%- set entries = Values.customResources.resources or {} %}
{%- for entry in entries %}{% set resource_name, resource = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
---
{{ resource }}
{%- endfor %}
{%- endif %}
{%- endmacro %}
