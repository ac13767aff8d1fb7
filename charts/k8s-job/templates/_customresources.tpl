{#-
  STOPGAP COPY of k8s-service's `templates/customresources.yaml`, as a macro; meant to move verbatim to
  `common/templates/_customresources.tpl` and be deleted here (see `_serviceaccount.tpl`). The copy in k8s-job is
  identical.

  custom_resources(root): extra manifests (`customResources.enabled`): each value of `customResources.resources`
  is a YAML document written as given, one document per key, in key order.
-#}

{% macro custom_resources(root) -%}
{%- set Values = root.Values -%}
{%- if Values.customResources.enabled -%}
{%- for resource_name, resource in (Values.customResources.resources or {}) | items %}
---
{{ resource }}
{%- endfor %}
{%- endif %}
{%- endmacro %}
