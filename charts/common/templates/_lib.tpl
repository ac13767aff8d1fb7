{#-
  The common library module: value checks, and macros over the named templates (`_name.tpl`, `_fullname.tpl`,
  `_chart.tpl`, `_workload_labels.tpl`) for templates that hold `root`. The pod template is the named template
  `_pod.tpl` (see README.md: minijinja evaluates a module's macro definitions on every import, so the
  per-keystroke path includes rather than imports). Import it as `{% import "common/templates/_lib.tpl" as lib %}`
  (inside charts/common: `{% import "_lib.tpl" as lib %}`).
-#}

{#- ---- checks ---- -#}
{#-
  Value checks. Helm fails where Gruntwork's templates read a field of something that is not a map
  (`.Values.service.enabled` with `service: null`), take the length of nothing (`len` of a nulled list), or range
  over a scalar; chartplay's Jinja would carry on quietly, so the charts check first and fail the same way, with a
  message that names the value.
-#}

{#- Fails unless `value` is a map (null included: its fields are read). -#}
{% macro expect_map(value, path) -%}
{%- if value is not mapping -%}
{{ fail(printf("%s must be a map, got %s", path, typeOf(value)), path) }}
{%- endif -%}
{%- endmacro %}

{#-
  Fails when `value` is set but is neither a map nor a list: Go cannot range over any other value, not even "" or
  0. With `allow_empty`, "" passes (Gruntwork's chart measures it with `len` and ranges over it only when not
  empty).
-#}
{% macro expect_collection(value, path, allow_empty=false) -%}
{%- if value is not none and value is not undefined and value is not mapping and value is not sequence
      and not (allow_empty and value == "") -%}
{{ fail(printf("%s must be a map or a list, got %s (range can't iterate over it)", path, typeOf(value)), path) }}
{%- endif -%}
{%- endmacro %}

{#- ---- names ---- -#}
{#-
  Naming helpers shared by every chart. Each macro takes `root`, a dict with the chart's `Values`, `Release`,
  `Chart` (and `Capabilities`), because macros do not see the calling template's context.

  - name(root): `applicationName`, required, cut to 63 characters (a DNS label) without a trailing dash.
  - fullname(root): the name of the workload and its companions. `fullnameOverride` wins; a release name that
    already contains the application name is used alone; otherwise `<release>-<applicationName>`. Cut to 63.
  - chart(root): the `helm.sh/chart` label, `<chart>-<version>` with `+` made label-safe.
-#}


{#- The name helpers run string functions on these, which Helm refuses for numbers and booleans. -#}
{% macro name(root) -%}
{%- with Values = root.Values %}{% include "common/templates/_name.tpl" %}{% endwith -%}
{%- endmacro %}

{% macro fullname(root) -%}
{%- with Values = root.Values, Release = root.Release %}{% include "common/templates/_fullname.tpl" %}{% endwith -%}
{%- endmacro %}

{% macro chart(root) -%}
{%- with Chart = root.Chart %}{% include "common/templates/_chart.tpl" %}{% endwith -%}
{%- endmacro %}

{#- ---- fields ---- -#}
{#-
  set_fields(map, keys): spec fields copied as given, each only when set (not null, not missing), so `0` and
  `false` are written. Used for the DaemonSet's `minReadySeconds` / `revisionHistoryLimit`, the Job's
  `backoffLimit`, `completions`, … and the CronJob's `concurrencyPolicy`, `startingDeadlineSeconds`, ….
  - map: where the values are read (`Values`, or `Values.cronJob`).
  - keys: the field names, in the order they are written (each `key: value`, the value printed as Go prints it).

  Returns one line per field, each starting on a new line, at the depth of a top-level object's `spec` fields
  (2 spaces); nothing when none is set:

      spec:{{ set_fields(Values, ["minReadySeconds", "revisionHistoryLimit"]) }}
-#}

{% macro set_fields(map, keys) -%}
{%- for key in keys %}
{%- if map[key] is not none and map[key] is not undefined %}
  {{ key }}: {{ map[key] }}
{%- endif %}
{%- endfor %}
{%- endmacro %}

{#- ---- metadata ---- -#}
{#-
  workload_labels(root, app_name, extra_labels): the `metadata.labels` of a workload (k8s-service's Deployment and
  canary Deployment, k8s-daemon-set's DaemonSet, k8s-job's Job / CronJob and its jobTemplate).
  - root: dict with `Values`, `Release`, `Chart`, `Capabilities` (macros do not see the caller's context).
  - app_name: `name(root)`, which every caller already has (so it is not worked out twice).
  - extra_labels: the chart's additional labels (`additionalDeploymentLabels`, `additionalDaemonSetLabels`,
    `additionalJobLabels`), in key order, values always quoted (`"{{ value }}"`) so they stay strings.

  Returns the lines starting on a new line at the depth of a top-level object's `metadata.labels` (4 spaces):

      metadata:
        labels:{{ workload_labels(root, app_name, Values.additionalDeploymentLabels) }}

  Pipe it through `indent(n)` for a deeper `labels:` (a CronJob's `jobTemplate.metadata.labels`).
-#}


{% macro workload_labels(root, app_name, extra_labels) -%}
{%- with Release = root.Release, Chart = root.Chart -%}
{% include "common/templates/_workload_labels.tpl" %}
{%- endwith -%}
{%- endmacro %}
