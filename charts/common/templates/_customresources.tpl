{#-
  custom_resources(root): k8s-service's extra manifests, also rendered by k8s-daemon-set and k8s-job.
  root: dict with `Values`, `Release`, `Chart`, `Capabilities` (macros do not see the caller's context).

  With `customResources.enabled`, each value of `customResources.resources` is a YAML document written as given,
  one document (`---`) per key, in key order.
-#}

{% import "_lib.tpl" as lib %}

{% macro custom_resources(root) -%}
{%- set Values = root.Values -%}
{{- lib.expect_map(Values.customResources, "customResources") -}}
{%- if Values.customResources.enabled -%}
{{- lib.expect_collection(Values.customResources.resources, "customResources.resources") -}}
{%- set entries = Values.customResources.resources or {} %}
{%- for entry in entries %}{% set resource_name, resource = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
---
{{ resource }}
{%- endfor %}
{%- endif %}
{%- endmacro %}
