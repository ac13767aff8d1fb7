{#-
  set_fields(map, keys): spec fields copied as given, each only when set (not null, not missing), so `0` and
  `false` are written. Used for the DaemonSet's `minReadySeconds` / `revisionHistoryLimit`, the Job's
  `backoffLimit`, `completions`, … and the CronJob's `concurrencyPolicy`, `startingDeadlineSeconds`, ….
  - map: where the values are read (`Values`, or `Values.cronJob`).
  - keys: the field names, in the order they are written (each `key: value`, the value printed as Go prints it).

  Returns one line per field, each starting on a new line, at the depth of a top-level object's `spec` fields
  (2 spaces); nothing when none is set:

      spec:{{ fields.set_fields(Values, ["minReadySeconds", "revisionHistoryLimit"]) }}
-#}

{% macro set_fields(map, keys) -%}
{%- for key in keys %}
{%- if map[key] is not none and map[key] is not undefined %}
  {{ key }}: {{ map[key] }}
{%- endif %}
{%- endfor %}
{%- endmacro %}
