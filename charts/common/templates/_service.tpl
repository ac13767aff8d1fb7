{#-
  A named template (see `_name.tpl`): k8s-service's Service, also rendered by k8s-daemon-set. Reads `Values`,
  `Release` and `Chart` from the including template's context (Service is on by default, so it renders on most
  runs: an include costs far less than importing a module and calling its macro).

  A Service (`service.enabled`): a stable address in front of the pods (main and canary alike), selecting them by
  `app.kubernetes.io/name` and `app.kubernetes.io/instance`; `service.ports` is a map of named ports.
-#}
{%- with -%}
{%- if Values.service is not mapping -%}
{{ fail(printf("%s must be a map, got %s", "service", typeOf(Values.service)), "service") }}
{%- endif -%}
{%- if Values.service.enabled -%}
{%- set service = Values.service -%}
{%- if service.ports is not none and service.ports is not undefined and service.ports is not mapping
      and service.ports is not sequence -%}
{{ fail(printf("%s must be a map or a list, got %s (range can't iterate over it)", "service.ports", typeOf(service.ports)), "service.ports") }}
{%- endif -%}
{%- set app_name -%}{% include "common/templates/_name.tpl" %}{%- endset %}
apiVersion: v1
kind: Service
metadata:
  name: {% include "common/templates/_fullname.tpl" %}
  labels:
    app.kubernetes.io/name: {{ app_name }}
    helm.sh/chart: {% include "common/templates/_chart.tpl" %}
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
{%- endwith -%}
