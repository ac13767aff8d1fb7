{#-
  API versions of the optional objects, picked from what the cluster serves (`Capabilities.APIVersions`) and its
  Kubernetes version. `kubeVersionOverride` stands in for the cluster's version (handy to render for an older
  cluster). Every macro takes `root` (`Values`, `Release`, `Chart`, `Capabilities`).
-#}

{#- True when the cluster serves `api` and runs at least `minimum` (a semver constraint such as ">= 1.19-0"). The
    version is an expression, not a macro's output: it is compared, never printed. -#}
{% macro serves(root, api, minimum) -%}
{%- set version = root.Values.kubeVersionOverride | default(root.Capabilities.KubeVersion.Version) -%}
{%- if api in root.Capabilities.APIVersions and semverCompare(minimum, version | string) %}yes{% endif -%}
{%- endmacro %}

{% macro ingress_api_version(root) -%}
{%- if serves(root, "networking.k8s.io/v1", ">= 1.19-0") %}networking.k8s.io/v1
{%- elif "networking.k8s.io/v1beta1" in root.Capabilities.APIVersions %}networking.k8s.io/v1beta1
{%- else %}extensions/v1beta1
{%- endif -%}
{%- endmacro %}

{% macro pdb_api_version(root) -%}
{%- if serves(root, "policy/v1", ">= 1.21-0") %}policy/v1{% else %}policy/v1beta1{% endif -%}
{%- endmacro %}

{% macro hpa_api_version(root) -%}
{%- if serves(root, "autoscaling/v2", ">= 1.23-0") %}autoscaling/v2{% else %}autoscaling/v2beta2{% endif -%}
{%- endmacro %}

{% macro vpa_api_version(root) -%}
{%- if serves(root, "autoscaling.k8s.io/v1", ">= 1.23-0") %}autoscaling.k8s.io/v1{% else %}autoscaling.k8s.io/v1beta2{% endif -%}
{%- endmacro %}
