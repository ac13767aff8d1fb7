{#-
  The pod template (`spec.template` of a workload) shared by k8s-service, k8s-daemon-set and k8s-job: a named
  template, included where the pod goes with `includeKept` (the caller's `Values`, `Release`, `Chart` and
  `Capabilities`, and the locals below, each passed by name), so rendering a workload costs no module import and
  no macro calls, and the pod is printed again only when a value it reads changes:

      {%- set pod_template = includeKept("common/templates/_pod.tpl", canary=canary, pod_extra=pod_extra,
            extra_volumes=extra_volumes, extra_mounts=extra_mounts) -%}
      ...
        template:{{ pod_template }}

  It prints the pod starting on a new line at the depth of k8s-service's Deployment (`    metadata:`); a CronJob,
  two levels deeper, pipes it through `indent(4)`. It reads `Values` and `Release`, and these when set:
  - canary: render k8s-service's canary track: image from `canary.containerImage`, container `<app>-canary`,
    label `gruntwork.io/deployment-type: canary` (else `main`).
  - pod_extra: YAML text of extra pod-spec fields, unindented, written right after `dnsPolicy`
    (DaemonSet: hostNetwork/hostPID/hostIPC; Job: restartPolicy).
  - extra_volumes / extra_mounts: lists of maps appended after the other volumes / main-container mounts
    (DaemonSet hostPaths). Either one alone is enough to open its `volumes:` / `volumeMounts:` list.
  Its own variables stay inside it (`with`).

  The text mirrors what Helm prints for Gruntwork's chart line by line, because Kubernetes reads types from the
  text: scalars are printed with Go's formatting (`{{ x }}`), maps and lists with `toYaml`.

  Gruntwork's chart reads some values with `values` (a map or nothing), ranges over others by key, takes the
  length of some and reads fields of others; anything else makes Helm fail, so the checks below fail here too,
  naming the value.
-#}
{%- with canary = canary | default(false), pod_extra = pod_extra | default(""), extra_volumes = extra_volumes | default([]), extra_mounts = extra_mounts | default([]) -%}
{#- Check the values Gruntwork's chart reads in ways that fail in Helm, a group of keys per call. -#}
{#- Read with `values`, which takes nothing but a map (a nulled one fails too). -#}
{%- set bad = firstKeyNotOfKind(Values, ["containerPorts", "configMaps", "secrets"], ["map"]) -%}
{%- if bad %}{{ fail(printf("%s must be a map, got %s", bad, typeOf(Values[bad])), bad) }}{% endif -%}
{#- Ranged over: a list works too (by index, as Go ranges over it). Then measured with `len` first, so null fails
    too, and so do numbers and booleans; initContainers and imagePullSecrets are ranged over only when not
    empty, so "" passes there. -#}
{%- set bad = firstKeyNotOfKind(Values, ["additionalPodLabels", "envVars", "sideCarContainers"],
                                ["map", "slice", "invalid"])
           or firstKeyNotOfKind(Values, ["persistentVolumes", "scratchPaths", "emptyDirs"], ["map", "slice"])
           or firstKeyNotOfKind(Values, ["initContainers", "imagePullSecrets"], ["map", "slice", "emptystring"]) -%}
{%- if bad and (Values[bad] is none or Values[bad] is undefined) %}{{ fail(printf("%s must not be null", bad), bad) }}
{%- elif bad -%}
{{ fail(printf("%s must be a map or a list, got %s (range can't iterate over it)", bad, typeOf(Values[bad])), bad) }}
{%- endif -%}
{#- Read by field: null fails too. -#}
{%- set bad = firstKeyNotOfKind(Values, ["serviceAccount", "lifecycleHooks"], ["map"]) -%}
{%- if bad %}{{ fail(printf("%s must be a map, got %s", bad, typeOf(Values[bad])), bad) }}{% endif -%}
{%- if Values.serviceAccount.name is none or Values.serviceAccount.name is undefined -%}
{{ fail(printf("%s must not be null", "serviceAccount.name"), "serviceAccount.name") }}
{%- elif Values.serviceAccount.name is number or Values.serviceAccount.name is boolean -%}
{{ fail(printf("serviceAccount.name must be a string, got %s", typeOf(Values.serviceAccount.name)), "serviceAccount.name") }}
{%- endif -%}
{%- for port_name, port in (Values.containerPorts or {}) | items -%}
{%- if port is not mapping -%}
{{ fail(printf("%s must be a map, got %s", "containerPorts." ~ port_name, typeOf(port)), "containerPorts." ~ port_name) }}
{%- endif -%}
{%- endfor -%}
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
{%- elif kind != "none" %}{{ fail(printf("secrets config has unknown type: %s", kind), "secrets." ~ secret_name ~ ".as") }}
{%- endif -%}
{%- endfor -%}
{%- for config_name, config in config_maps | items -%}
{%- set kind = config["as"] -%}
{%- if kind == "volume" %}{% set has.volume = true -%}
{%- elif kind == "environment" %}{% set has.env = true -%}
{%- elif kind == "envFrom" %}{% set has.env_from = true -%}
{%- elif kind != "none" %}{{ fail(printf("configMaps config has unknown type: %s", kind), "configMaps." ~ config_name ~ ".as") }}
{%- endif -%}
{%- endfor -%}
{%- if Values.persistentVolumes or Values.scratchPaths or Values.emptyDirs %}{% set has.volume = true %}{% endif -%}
{%- set app_name -%}{% include "common/templates/_name.tpl" %}{%- endset -%}
{%- set service_account = Values.serviceAccount or {} -%}
{%- set shutdown_delay = Values.shutdownDelay | int -%}
{%- set hooks = Values.lifecycleHooks or {} %}
    metadata:
      labels:
        app.kubernetes.io/name: {{ app_name }}
        app.kubernetes.io/instance: {{ Release.Name }}
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
{%- set repository = image.repository | required(".Values.canary.containerImage.repository is required", "canary.containerImage.repository") %}
{%- set tag = image.tag | required(".Values.canary.containerImage.tag is required", "canary.containerImage.tag") %}
        - name: {{ Values.applicationName }}-canary
{%- else %}
{%- set image = Values.containerImage %}
{%- set repository = image.repository | required(".Values.containerImage.repository is required", "containerImage.repository") %}
{%- set tag = image.tag | required(".Values.containerImage.tag is required", "containerImage.tag") %}
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
            - name: {{ item.envVarName | required("envVarName is required on configMaps items when using environment", "configMaps." ~ config_name ~ ".items." ~ key ~ ".envVarName") | quote }}
              valueFrom:
                configMapKeyRef:
                  name: {{ config_name }}
                  key: {{ key }}
{%- endfor %}
{%- endif %}{% endfor %}
{%- for secret_name, secret in secrets | items %}{% if secret["as"] == "environment" or secret["as"] == "csi" %}
{%- set entries = secret["items"] or {} %}
{%- for entry in entries %}{% set key, item = (entry, entries[entry]) if entries is mapping else (loop.index0, entry) %}
            - name: {{ item.envVarName | required("envVarName is required on secrets items when using environment or csi", "secrets." ~ secret_name ~ ".items." ~ key ~ ".envVarName") | quote }}
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
                path: {{ item.filePath | required("filePath is required for configMap items", "configMaps." ~ config_name ~ ".items." ~ key ~ ".filePath") | quote }}
{%- if item.fileMode %}
                mode: {% with mode = item.fileMode, mode_path = "configMaps." ~ config_name ~ ".items." ~ key ~ ".fileMode" %}{% include "common/templates/_file_mode.tpl" %}{% endwith %}
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
                path: {{ item.filePath | required("filePath is required for secrets items", "secrets." ~ secret_name ~ ".items." ~ key ~ ".filePath") | quote }}
{%- if item.fileMode %}
                mode: {% with mode = item.fileMode, mode_path = "secrets." ~ secret_name ~ ".items." ~ key ~ ".fileMode" %}{% include "common/templates/_file_mode.tpl" %}{% endwith %}
{%- endif %}
{%- endfor %}
{%- endif %}
{%- elif secret["as"] == "csi" %}
{%- if secret.csi is not mapping %}{{ fail(printf("%s must be a map, got %s", "secrets." ~ secret_name ~ ".csi", typeOf(secret.csi)), "secrets." ~ secret_name ~ ".csi") }}{% endif %}
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
{%- endwith -%}
