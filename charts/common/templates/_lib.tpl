{#-
  The common library module: value checks, names, labels, optional fields and the pod template, in one module so
  that a workload template imports (and minijinja evaluates) it once per render instead of once per file and again
  for every nested import. Import it as `{% import "common/templates/_lib.tpl" as lib %}` (inside charts/common:
  `{% import "_lib.tpl" as lib %}`). Sections below keep the order in which they depend on each other.
-#}

{#- ---- checks ---- -#}
{#-
  Value checks. Helm fails where Gruntwork's templates read a field of something that is not a map
  (`.Values.service.enabled` with `service: null`), take the length of nothing (`len` of a nulled list), or range
  over a scalar; chartplay's Jinja would carry on quietly, so the charts check first and fail the same way, with a
  message that names the value.
-#}

{#- Go's name for a value's type, as Helm's messages spell it. -#}
{% macro go_type(value) -%}
{%- if value is none or value is undefined %}nil
{%- elif value is boolean %}bool
{%- elif value is string %}string
{%- elif value is integer %}int64
{%- elif value is number %}float64
{%- elif value is mapping %}map[string]interface {}
{%- else %}[]interface {}
{%- endif -%}
{%- endmacro %}

{#- Fails unless `value` is a map (null included: its fields are read). -#}
{% macro expect_map(value, path) -%}
{%- if value is not mapping -%}
{{ fail(printf("%s must be a map, got %s", path, go_type(value))) }}
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
{{ fail(printf("%s must be a map or a list, got %s (range can't iterate over it)", path, go_type(value))) }}
{%- endif -%}
{%- endmacro %}

{#- Fails when `value` is null (its length is taken). -#}
{% macro expect_set(value, path) -%}
{%- if value is none or value is undefined -%}
{{ fail(printf("%s must not be null", path)) }}
{%- endif -%}
{%- endmacro %}

{#- Fails unless `value` is a string, when set (it goes through string functions). -#}
{% macro expect_string(value, path) -%}
{%- if value is not none and value is not undefined and value is not string -%}
{{ fail(printf("%s must be a string, got %s", path, go_type(value))) }}
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
{%- set app = root.Values.applicationName | required("applicationName is required") -%}
{{- expect_string(app, "applicationName") -}}
{{ app | trunc(63) | trimSuffix("-") }}
{%- endmacro %}

{% macro fullname(root) -%}
{%- set app = root.Values.applicationName | required("applicationName is required") -%}
{{- expect_string(app, "applicationName") -}}
{%- if root.Values.fullnameOverride -%}
{{- expect_string(root.Values.fullnameOverride, "fullnameOverride") -}}
{{ root.Values.fullnameOverride | trunc(63) | trimSuffix("-") }}
{%- elif app in root.Release.Name -%}
{{ root.Release.Name | trunc(63) | trimSuffix("-") }}
{%- else -%}
{{ printf("%s-%s", root.Release.Name, app) | trunc(63) | trimSuffix("-") }}
{%- endif -%}
{%- endmacro %}

{% macro chart(root) -%}
{{ printf("%s-%s", root.Chart.Name, root.Chart.Version) | replace("+", "_") | trunc(63) | trimSuffix("-") }}
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


{% macro workload_labels(root, app_name, extra_labels) %}
    helm.sh/chart: {{ chart(root) }}
    app.kubernetes.io/name: {{ app_name }}
    app.kubernetes.io/instance: {{ root.Release.Name }}
    app.kubernetes.io/managed-by: {{ root.Release.Service }}
{%- set entries = extra_labels or {} %}
{%- for entry in entries %}{% set key, value = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
    {{ key }}: "{{ value }}"
{%- endfor %}
{%- endmacro %}

{#- ---- pod ---- -#}
{#-
  The pod template (`spec.template` of a workload) shared by k8s-service, k8s-daemon-set and k8s-job.

  Usage, from a workload template (the pod starts on the line after `template:`, at k8s-service's Deployment depth;
  a CronJob, two levels deeper, pipes it through `indent(4)`):

      ...
        template:{{ pod_template(root) }}

  Arguments:
  - root: dict with `Values`, `Release`, `Chart`, `Capabilities` (macros do not see the caller's context).
  - canary: render k8s-service's canary track: image from `canary.containerImage`, container `<app>-canary`,
    label `gruntwork.io/deployment-type: canary` (else `main`).
  - pod_extra: YAML text of extra pod-spec fields, unindented, written right after `dnsPolicy`
    (DaemonSet: hostNetwork/hostPID/hostIPC; Job: restartPolicy).
  - extra_volumes / extra_mounts: lists of maps appended after the other volumes / main-container mounts
    (DaemonSet hostPaths). Either one alone is enough to open its `volumes:` / `volumeMounts:` list.

  The text mirrors what Helm prints for Gruntwork's chart line by line, because Kubernetes reads types from the
  text: scalars are printed with Go's formatting (`{{ x }}`), maps and lists with `toYaml`.
-#}


{#-
  Gruntwork's chart reads some of these with `values` (a map or nothing), ranges over others by key, takes the
  length of some and reads fields of others; anything else makes Helm fail, so fail here too, naming the value.
-#}
{% macro check_types(Values) -%}
{#- Read with `values`, which takes nothing but a map (a nulled one fails too). -#}
{%- for key in ["containerPorts", "configMaps", "secrets"] -%}
{{- expect_map(Values[key], key) -}}
{%- endfor -%}
{#- Ranged over: a list works too (by index, as Go ranges over it). -#}
{%- for key in ["additionalPodLabels", "envVars", "sideCarContainers"] -%}
{{- expect_collection(Values[key], key) -}}
{%- endfor -%}
{#- Measured with `len` first: null fails too, and so do numbers and booleans; initContainers and
    imagePullSecrets are ranged over only when not empty. -#}
{%- for key in ["persistentVolumes", "scratchPaths", "emptyDirs", "initContainers", "imagePullSecrets"] -%}
{{- expect_set(Values[key], key) -}}
{{- expect_collection(Values[key], key, allow_empty=key in ["initContainers", "imagePullSecrets"]) -}}
{%- endfor -%}
{%- for key in ["serviceAccount", "lifecycleHooks"] -%}
{{- expect_map(Values[key], key) -}}
{%- endfor -%}
{{- expect_set(Values.serviceAccount.name, "serviceAccount.name") -}}
{%- if Values.serviceAccount.name is number or Values.serviceAccount.name is boolean -%}
{{ fail(printf("serviceAccount.name must be a string, got %s", go_type(Values.serviceAccount.name))) }}
{%- endif -%}
{%- for port_name, port in (Values.containerPorts or {}) | items -%}
{{- expect_map(port, "containerPorts." ~ port_name) -}}
{%- endfor -%}
{%- endmacro %}

{#-
  A file mode written in octal (`644`) as the decimal number Kubernetes expects (`420`). Exactly three octal
  digits; the messages are those of Gruntwork's chart (whose per-digit message names the digit twice).
-#}
{% macro file_mode(mode) -%}
{%- set digits = mode | toString | list -%}
{%- if digits | length != 3 -%}
{{ fail(printf("File mode octal expects exactly 3 digits: %s", mode)) }}
{%- endif -%}
{%- set total = namespace(value=0) -%}
{%- for digit in digits -%}
{%- set number = digit | int -%}
{%- if number == 0 and digit != "0" -%}
{{ fail(printf("Digit %d of %s is not a number: %s", loop.index0, digit, digit)) }}
{%- endif -%}
{%- if number >= 8 -%}
{{ fail(printf("%s is not a valid octal digit", digit)) }}
{%- endif -%}
{%- set total.value = total.value * 8 + number -%}
{%- endfor -%}
{{ total.value }}
{%- endmacro %}

{% macro pod_template(root, canary=false, pod_extra="", extra_volumes=[], extra_mounts=[]) -%}
{%- set Values = root.Values -%}
{{- check_types(Values) -}}
{%- set config_maps = Values.configMaps or {} -%}
{%- set secrets = Values.secrets or {} -%}
{%- set container_ports = Values.containerPorts or {} -%}
{#- What the main container gets; some lists are written (possibly empty) as soon as one source asks for them. -#}
{%- set has = namespace(volume=false, env=false, env_from=false, ports=false) -%}
{%- if Values.envVars or Values.additionalContainerEnv %}{% set has.env = true %}{% endif -%}
{%- for port_name, port in container_ports | items -%}
{%- if not port.disabled %}{% set has.ports = true %}{% endif -%}
{%- endfor -%}
{%- for secret_name, secret in secrets | items -%}
{%- set kind = secret["as"] -%}
{%- if kind == "volume" %}{% set has.volume = true -%}
{%- elif kind == "environment" %}{% set has.env = true -%}
{%- elif kind == "csi" %}{% set has.env = true %}{% set has.volume = true -%}
{%- elif kind == "envFrom" %}{% set has.env_from = true -%}
{%- elif kind != "none" %}{{ fail(printf("secrets config has unknown type: %s", kind)) }}
{%- endif -%}
{%- endfor -%}
{%- for config_name, config in config_maps | items -%}
{%- set kind = config["as"] -%}
{%- if kind == "volume" %}{% set has.volume = true -%}
{%- elif kind == "environment" %}{% set has.env = true -%}
{%- elif kind == "envFrom" %}{% set has.env_from = true -%}
{%- elif kind != "none" %}{{ fail(printf("configMaps config has unknown type: %s", kind)) }}
{%- endif -%}
{%- endfor -%}
{%- if Values.persistentVolumes or Values.scratchPaths or Values.emptyDirs %}{% set has.volume = true %}{% endif -%}
{%- set app_name = name(root) -%}
{%- set service_account = Values.serviceAccount or {} -%}
{%- set shutdown_delay = Values.shutdownDelay | int -%}
{%- set hooks = Values.lifecycleHooks or {} %}
    metadata:
      labels:
        app.kubernetes.io/name: {{ app_name }}
        app.kubernetes.io/instance: {{ root.Release.Name }}
        gruntwork.io/deployment-type: {{ "canary" if canary else "main" }}
{%- set entries = Values.additionalPodLabels or {} %}
{%- for entry in entries %}{% set key, value = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
        {{ key }}: "{{ value }}"
{%- endfor %}
{%- if Values.podAnnotations %}
      annotations:
{{ Values.podAnnotations | toYaml | indent(8) }}
{%- endif %}
    spec:
{%- if service_account.name %}
      serviceAccountName: "{{ service_account.name }}"
{%- endif %}
{%- if service_account is mapping and "automountServiceAccountToken" in service_account %}
      automountServiceAccountToken: {{ service_account.automountServiceAccountToken }}
{%- endif %}
{%- if Values.podSecurityContext %}
      securityContext:
{{ Values.podSecurityContext | toYaml | indent(8) }}
{%- endif %}
{%- if Values.hostAliases %}
      hostAliases:
{{ Values.hostAliases | toYaml | indent(8) }}
{%- endif %}
{%- if Values.dnsPolicy %}
      dnsPolicy: {{ Values.dnsPolicy }}
{%- endif %}
{%- if pod_extra | trim %}
{{ pod_extra | trim | indent(6) }}
{%- endif %}
      containers:
{%- if canary %}
{%- set image = Values.canary.containerImage %}
{%- set repository = image.repository | required(".Values.canary.containerImage.repository is required") %}
{%- set tag = image.tag | required(".Values.canary.containerImage.tag is required") %}
        - name: {{ Values.applicationName }}-canary
{%- else %}
{%- set image = Values.containerImage %}
{%- set repository = image.repository | required(".Values.containerImage.repository is required") %}
{%- set tag = image.tag | required(".Values.containerImage.tag is required") %}
        - name: {{ Values.applicationName }}
{%- endif %}
          image: "{{ repository }}:{{ tag }}"
          imagePullPolicy: {{ image.pullPolicy | default("IfNotPresent") }}
{%- if Values.containerCommand %}
          command:
{{ Values.containerCommand | toYaml | indent(12) }}
{%- endif %}
{%- if Values.containerArgs %}
          args:
{{ Values.containerArgs | toYaml | indent(12) }}
{%- endif %}
{%- if has.ports %}
          ports:
{%- for port_name, port in container_ports | items %}{% if not port.disabled %}
            - name: {{ port_name }}
              containerPort: {{ port.port | int }}
              protocol: {{ port.protocol }}
{%- endif %}{% endfor %}
{%- endif %}
{%- if Values.startupProbe %}
          startupProbe:
{{ Values.startupProbe | toYaml | indent(12) }}
{%- endif %}
{%- if Values.livenessProbe %}
          livenessProbe:
{{ Values.livenessProbe | toYaml | indent(12) }}
{%- endif %}
{%- if Values.readinessProbe %}
          readinessProbe:
{{ Values.readinessProbe | toYaml | indent(12) }}
{%- endif %}
{%- if Values.securityContext %}
          securityContext:
{{ Values.securityContext | toYaml | indent(12) }}
{%- endif %}
          resources:
{{ Values.containerResources | toYaml | indent(12) }}
{%- if hooks.enabled or shutdown_delay > 0 %}
          lifecycle:
{%- if hooks.enabled and hooks.postStart %}
            postStart:
{{ hooks.postStart | toYaml | indent(14) }}
{%- endif %}
{%- if hooks.enabled and hooks.preStop %}
            preStop:
{{ hooks.preStop | toYaml | indent(14) }}
{%- elif shutdown_delay > 0 %}
            {#- Give endpoints time to drop the pod before it stops serving:
                https://blog.gruntwork.io/delaying-shutdown-to-wait-for-pod-deletion-propagation-445f779a8304 #}
            preStop:
              exec:
                command:
                  - sleep
                  - "{{ shutdown_delay }}"
{%- endif %}
{%- endif %}
{#- Environment: plain variables, additional entries, then keys of config maps and secrets. #}
{%- if has.env %}
          env:
{%- endif %}
{%- set entries = Values.envVars or {} %}
{%- for entry in entries %}{% set key, value = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
            - name: {{ key }}
              value: {{ value | quote }}
{%- endfor %}
{%- if Values.additionalContainerEnv %}
{{ Values.additionalContainerEnv | toYaml | indent(12) }}
{%- endif %}
{%- for config_name, config in config_maps | items %}{% if config["as"] == "environment" %}
{%- set entries = config["items"] or {} %}
{%- for entry in entries %}{% set key, item = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
            - name: {{ item.envVarName | required("envVarName is required on configMaps items when using environment") | quote }}
              valueFrom:
                configMapKeyRef:
                  name: {{ config_name }}
                  key: {{ key }}
{%- endfor %}
{%- endif %}{% endfor %}
{%- for secret_name, secret in secrets | items %}{% if secret["as"] == "environment" or secret["as"] == "csi" %}
{%- set entries = secret["items"] or {} %}
{%- for entry in entries %}{% set key, item = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
            - name: {{ item.envVarName | required("envVarName is required on secrets items when using environment or csi") | quote }}
              valueFrom:
                secretKeyRef:
                  name: {{ secret_name }}
                  key: {{ key }}
{%- endfor %}
{%- endif %}{% endfor %}
{%- if has.env_from %}
          envFrom:
{%- for config_name, config in config_maps | items %}{% if config["as"] == "envFrom" %}
            - configMapRef:
                name: {{ config_name }}
{%- endif %}{% endfor %}
{%- for secret_name, secret in secrets | items %}{% if secret["as"] == "envFrom" %}
            - secretRef:
                name: {{ secret_name }}
{%- endif %}{% endfor %}
{%- endif %}
{#- Mounts of the main container, in the same order as the volumes below. #}
{%- if has.volume or extra_mounts %}
          volumeMounts:
{%- endif %}
{%- for config_name, config in config_maps | items %}{% if config["as"] == "volume" %}
            - name: {{ config_name }}-volume
              mountPath: {{ config.mountPath | quote }}
{%- if config.subPath %}
              subPath: {{ config.subPath | quote }}
{%- endif %}
{%- endif %}{% endfor %}
{%- for secret_name, secret in secrets | items %}{% if secret["as"] == "volume" or secret["as"] == "csi" %}
            - name: {{ secret_name }}-volume
              mountPath: {{ secret.mountPath | quote }}
{%- if secret.subPath %}
              subPath: {{ secret.subPath | quote }}
{%- endif %}
              readOnly: {{ secret.readOnly }}
{%- endif %}{% endfor %}
{%- set entries = Values.persistentVolumes or {} %}
{%- for entry in entries %}{% set volume_name, volume = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
            - name: {{ volume_name }}
              mountPath: {{ volume.mountPath | quote }}
{%- endfor %}
{%- set entries = Values.scratchPaths or {} %}
{%- for entry in entries %}{% set volume_name, path = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
            - name: {{ volume_name }}
              mountPath: {{ path | quote }}
{%- endfor %}
{%- set entries = Values.emptyDirs or {} %}
{%- for entry in entries %}{% set volume_name, path = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
            - name: {{ volume_name }}
              mountPath: {{ path | quote }}
{%- endfor %}
{%- if extra_mounts %}
{{ extra_mounts | toYaml | indent(12) }}
{%- endif %}
{%- set entries = Values.sideCarContainers or {} %}
{%- for entry in entries %}{% set container_name, container = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
        - name: {{ container_name }}
{{ container | toYaml | indent(10) }}
{%- endfor %}
{%- if Values.initContainers %}
      initContainers:
{%- set entries = Values.initContainers or {} %}
{%- for entry in entries %}{% set container_name, container = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
        - name: {{ container_name }}
{{ container | toYaml | indent(10) }}
{%- endfor %}
{%- endif %}
{%- if Values.imagePullSecrets %}
      imagePullSecrets:
{#- Go ranges over a map's values. #}
{%- for secret_name in (Values.imagePullSecrets | items | map("last") if Values.imagePullSecrets is mapping else Values.imagePullSecrets) %}
        - name: {{ secret_name }}
{%- endfor %}
{%- endif %}
{%- if Values.terminationGracePeriodSeconds %}
      terminationGracePeriodSeconds: {{ Values.terminationGracePeriodSeconds }}
{%- endif %}
{%- if has.volume or extra_volumes %}
      volumes:
{%- endif %}
{%- for config_name, config in config_maps | items %}{% if config["as"] == "volume" %}
        - name: {{ config_name }}-volume
          configMap:
            name: {{ config_name }}
{%- if config["items"] %}
            items:
{%- set entries = config["items"] or {} %}
{%- for entry in entries %}{% set key, item = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
              - key: {{ key }}
                path: {{ item.filePath | required("filePath is required for configMap items") | quote }}
{%- if item.fileMode %}
                mode: {{ file_mode(item.fileMode) }}
{%- endif %}
{%- endfor %}
{%- endif %}
{%- endif %}{% endfor %}
{%- for secret_name, secret in secrets | items %}
{%- if secret["as"] == "volume" %}
        - name: {{ secret_name }}-volume
          secret:
            secretName: {{ secret_name }}
{%- if secret["items"] %}
            items:
{%- set entries = secret["items"] or {} %}
{%- for entry in entries %}{% set key, item = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
              - key: {{ key }}
                path: {{ item.filePath | required("filePath is required for secrets items") | quote }}
{%- if item.fileMode %}
                mode: {{ file_mode(item.fileMode) }}
{%- endif %}
{%- endfor %}
{%- endif %}
{%- elif secret["as"] == "csi" %}{{ expect_map(secret.csi, "secrets." ~ secret_name ~ ".csi") }}
        - name: {{ secret_name }}-volume
          csi:
            readOnly: {{ secret.readOnly }}
            driver: {{ secret.csi.driver }}
            volumeAttributes:
              secretProviderClass: {{ secret.csi.secretProviderClass }}
{%- endif %}
{%- endfor %}
{%- set entries = Values.persistentVolumes or {} %}
{%- for entry in entries %}{% set volume_name, volume = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
        - name: {{ volume_name }}
          persistentVolumeClaim:
            claimName: {{ volume.claimName }}
{%- endfor %}
{%- set entries = Values.scratchPaths or {} %}
{%- for entry in entries %}{% set volume_name, path = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
        - name: {{ volume_name }}
          emptyDir:
            medium: "Memory"
{%- endfor %}
{%- set entries = Values.emptyDirs or {} %}
{%- for entry in entries %}{% set volume_name, path = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
        - name: {{ volume_name }}
          emptyDir: {}
{%- endfor %}
{%- if extra_volumes %}
{{ extra_volumes | toYaml | indent(8) }}
{%- endif %}
{%- if Values.nodeSelector %}
      nodeSelector:
{{ Values.nodeSelector | toYaml | indent(8) }}
{%- endif %}
{%- if Values.affinity %}
      affinity:
{{ Values.affinity | toYaml | indent(8) }}
{%- endif %}
{%- if Values.priorityClassName %}
      priorityClassName:
{{ Values.priorityClassName | toYaml | indent(8) }}
{%- endif %}
{%- if Values.tolerations %}
      tolerations:
{{ Values.tolerations | toYaml | indent(8) }}
{%- endif %}
{%- endmacro %}
