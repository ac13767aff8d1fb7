#!/usr/bin/env python3
"""Generate extra k8s-service parity cases, get Helm's answer for each, and compare chartplay with it.

usage:
  generate.py --out DIR [--go-tests UPSTREAM/test] [--upstream-charts UPSTREAM/charts] [--only PREFIX]
              [--golden] [--compare] [--render-cmd CMD]

  --out DIR            where the cases go: DIR/k8s-service/<case>/{values.yaml,case.yaml} (the layout of
                       tests/parity/cases, so run_cases.py and the parity test run them)
  --go-tests DIR       Gruntwork's Go tests (helm-kubernetes-services/test); with it, every render call of the
                       k8s-service template tests becomes a case twice: `test-*` with the --set values written
                       into values.yaml (as the shared corpus translates them) and `testset-*` with them passed as
                       --set flags. Its fixtures/ and ../examples feed the `fixture-*` and `example-*` cases.
  --upstream-charts D  Gruntwork's charts folder (default $HELM_UPSTREAM_DIR); needed by --golden
  --golden             ask the Helm oracle for each case (run_cases.py --golden --auto-expect, run with the
                       oracle's virtualenv, $PARITY_VENV or ~/.cache/chartplay-helm-oracle)
  --compare            run the cases against chartplay (run_cases.py; --render-cmd as there, default the release
                       CLI of this repository)
  --keep NAME          copy case NAME (with Helm's answer) from --out into tests/parity/extra/k8s-service/, the
                       curated set the parity test (`cargo xtask test`) runs (repeatable)

Case families (see the functions below): `test-*`/`testset-*` (upstream Go tests), `fixture-*`, `example-*`,
`yaml-*` (YAML 1.1 scalars in every kind of position), `num-*` (numbers, digit strings and other scalars where
the templates print a value raw or through `int`), `setnum-*` (the same through --set typing), `null-*` and
`empty-*` (a default removed or emptied), `release-*` / `kube-*` (release names, namespaces and kube versions),
`crafted-*` (unusual but valid combinations written by hand).

The Python parity tools (run_cases.py, yamlcompat.py, setup.sh and the Helm oracle) are found at $PARITY_DIR or
../shared/parity beside the repository; only generating and comparing here needs them, not `cargo xtask test`.
"""
import argparse
import copy
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
PARITY = os.environ.get("PARITY_DIR") or os.path.join(os.path.dirname(REPO), "shared", "parity")
sys.path.insert(0, PARITY)
sys.path.insert(0, HERE)
import yamlcompat  # noqa: E402

import gotests  # noqa: E402

LINTER = {"applicationName": "linter",
          "containerImage": {"pullPolicy": "IfNotPresent", "repository": "nginx", "tag": "stable"}}
LINTER_YAML = "applicationName: linter\ncontainerImage:\n  pullPolicy: IfNotPresent\n  repository: nginx\n  tag: stable\n"


# ---- Helm --set ----

def set_typed(value):
    """strvals typedVal: what `--set k=value` stores."""
    low = value.lower()
    if low == "true":
        return True
    if low == "false":
        return False
    if low == "null":
        return None
    if value == "0":
        return 0
    if value and value[0] != "0" and re.fullmatch(r"[-+]?[0-9]+", value):
        number = int(value)
        if -(2 ** 63) <= number < 2 ** 63:
            return number
    return value


def set_path(tree, key, value):
    """Put value at a --set key such as `a.b[0].c` (lists padded with None, as strvals does)."""
    parts = []
    for piece in key.split("."):
        m = re.fullmatch(r"([^\[]+)((?:\[\d+\])*)", piece)
        parts.append(m.group(1))
        parts.extend(int(i) for i in re.findall(r"\[(\d+)\]", m.group(2)))
    node = tree
    for here, nxt in zip(parts, parts[1:] + [None]):
        last = nxt is None
        if isinstance(here, int):
            while len(node) <= here:
                node.append(None)
            if last:
                node[here] = value
            else:
                if not isinstance(node[here], (dict, list)):
                    node[here] = [] if isinstance(nxt, int) else {}
                node = node[here]
        else:
            if last:
                node[here] = value
            else:
                if not isinstance(node.get(here), (dict, list)):
                    node[here] = [] if isinstance(nxt, int) else {}
                node = node[here]
    return tree


def merge(base, over):
    out = dict(base)
    for k, v in over.items():
        out[k] = merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


# ---- writing cases ----

class Corpus:
    def __init__(self, out):
        self.root = os.path.join(out, "k8s-service")
        self.names = set()

    def add(self, name, values_text, description, release="release-name", namespace=None, kube_version=None,
            sets=None, source="generated"):
        name = re.sub(r"[^a-z0-9.-]+", "-", name.lower()).strip("-")
        if name in self.names:
            raise ValueError(f"duplicate case {name}")
        self.names.add(name)
        path = os.path.join(self.root, name)
        os.makedirs(path, exist_ok=True)
        with open(os.path.join(path, "values.yaml"), "w", encoding="utf-8") as f:
            f.write(values_text)
        meta = {"chart": "k8s-service", "release_name": release}
        if namespace:
            meta["namespace"] = namespace
        if kube_version:
            meta["kube_version"] = kube_version
        if sets:
            meta["set"] = list(sets)
        meta["source"] = source
        meta["description"] = description
        with open(os.path.join(path, "case.yaml"), "w", encoding="utf-8") as f:
            f.write(yamlcompat.dump(meta))


def over_linter(text):
    """`text` over linter_values.yaml, as one file: the linter's applicationName and containerImage fields are
    written only where `text` does not write them (a second top-level key would replace the first block whole)."""
    keys = set(re.findall(r"^([A-Za-z_][\w-]*):", text, re.M))
    lead = ""
    if text.startswith("---\n"):
        lead, text = "---\n", text[4:]
    base = "" if "applicationName" in keys else "applicationName: linter\n"
    image = [("pullPolicy", "IfNotPresent"), ("repository", "nginx"), ("tag", "stable")]
    block = re.search(r"^containerImage:\n((?:  .*\n)*)", text, re.M)
    if block:
        written = set(re.findall(r"^  (\w+):", block.group(1), re.M))
        extra = "".join(f"  {k}: {v}\n" for k, v in image if k not in written)
        text = text[:block.end()] + extra + text[block.end():]
    elif "containerImage" not in keys:
        base += "containerImage:\n" + "".join(f"  {k}: {v}\n" for k, v in image)
    return lead + base + text


def slug(value):
    """A case-name fragment for a YAML scalar as written: `+1` -> `plus1`, `'yes'` -> `q-yes`."""
    text = value
    for old, new in [("'", "q-"), ('"', "q-"), ("+", "plus"), ("~", "tilde"), ("_", "u"), (":", "c"),
                     ("[]", "list"), ("{}", "map"), (" ", "sp"), ("*", "star"), ("%", "pct")]:
        text = text.replace(old, new)
    if text.startswith("-"):
        text = "minus" + text[1:]
    text = re.sub(r"(q-)+$", "", text)
    return text or "empty"


def indent(text, n):
    pad = " " * n
    return "".join(pad + line if line.strip() else line for line in text.splitlines(True))


# ---- families ----

def go_test_cases(corpus, test_dir):
    fixtures = os.path.join(test_dir, "fixtures")
    for case in gotests.translate(test_dir):
        values = copy.deepcopy(LINTER)
        fixture_text = ""
        for fixture in case["files"]:
            with open(os.path.join(fixtures, fixture), encoding="utf-8") as f:
                text = f.read()
            fixture_text += text if text.endswith("\n") else text + "\n"
            values = merge(values, yamlcompat.load(text) or {})
        file_values = copy.deepcopy(values)
        for key, value in case["sets"]:
            file_values = set_path(file_values, key, set_typed(value))
        where = f"{case['file']}:{case['test']}" + (f" (row/render {case['row']})" if case["row"] else "")
        sets = ", ".join(f"{k}={v}" for k, v in case["sets"]) or "(none)"
        kube = case["kube_version"]
        kube = ("v" + kube if kube and not kube.startswith("v") else kube)
        if kube and kube.count(".") == 1:
            kube += ".0"
        desc = f"Go test {where}; fixtures: {case['files'] or '(none)'}; sets: {sets}"
        if case["api_versions"]:
            desc += f"; the Go test also passes --api-versions {case['api_versions']} (not passed here)"
        header = f"# Translated from upstream Go test {where}\n# values = linter_values.yaml + {case['files']} + --set {sets}\n"
        corpus.add(case["name"], header + yamlcompat.dump(file_values), desc, release=case["release"],
                   kube_version=kube, source="go-test")
        if case["sets"]:
            merged_files = yamlcompat.dump(values)
            corpus.add("testset-" + case["name"][5:], merged_files, desc + " (as --set flags)",
                       release=case["release"], kube_version=kube,
                       sets=[f"{k}={v.replace(',', chr(92) + ',')}" for k, v in case["sets"]], source="go-test")


def fixture_and_example_cases(corpus, test_dir):
    fixtures = os.path.join(test_dir, "fixtures")
    for fixture in sorted(os.listdir(fixtures)):
        with open(os.path.join(fixtures, fixture), encoding="utf-8") as f:
            text = f.read()
        stem = fixture.replace("_values.yaml", "").replace(".yaml", "").replace("_", "-")
        corpus.add(f"fixture-{stem}", text, f"test/fixtures/{fixture} alone", release="fixture", source="fixture")
        corpus.add(f"fixture-{stem}-with-linter", LINTER_YAML + text, f"linter_values.yaml + test/fixtures/{fixture}",
                   release="fixture", source="fixture")
    examples = os.path.join(os.path.dirname(test_dir), "examples")
    for example in sorted(os.listdir(examples)):
        base = os.path.join(examples, example, "values.yaml")
        if not os.path.exists(base):
            continue
        with open(base, encoding="utf-8") as f:
            text = f.read()
        name = example.replace("k8s-service-", "")
        corpus.add(f"example-{name}", text, f"examples/{example}/values.yaml", release="example", source="example")
        corpus.add(f"example-{name}-rel-{name}", text, f"examples/{example}/values.yaml, release named after it",
                   release=f"{name}-release", namespace="examples", source="example")
        ext = os.path.join(examples, example, "extensions")
        if os.path.isdir(ext):
            for extension in sorted(os.listdir(ext)):
                with open(os.path.join(ext, extension), encoding="utf-8") as f:
                    more = f.read()
                merged = merge(yamlcompat.load(text) or {}, yamlcompat.load(more) or {})
                stem = extension.replace("_values.yaml", "").replace("_", "-")
                corpus.add(f"example-{name}-{stem}", yamlcompat.dump(merged),
                           f"examples/{example} values.yaml + extensions/{extension}", release="example",
                           source="example")


# YAML 1.1 scalars written unquoted, and a few quoted ones.
SCALARS = ["abc", "yes", "no", "on", "off", "y", "n", "True", "FALSE", "0123", "08", "0x1F", "0o17", "1e3", "1_000",
           "1000000", "1.50", "-1", ".5", "null", "~", "2001-12-14", "2001-12-14T21:59:43.10-05:00", ".inf",
           "12345678901234567890", "+1", "0", "1.0", "'yes'", '"0123"', '""', "3.14e-2", "0.1", "123456789"]

# (name, yaml with {v} for the scalar, in a values file over linter_values.yaml)
SCALAR_POSITIONS = [
    ("pod-annotation", "podAnnotations:\n  a: {v}\n"),
    ("deploy-annotation", "deploymentAnnotations:\n  a: {v}\n"),
    ("service-annotation", "service:\n  annotations:\n    a: {v}\n"),
    ("ingress-annotation", "ingress:\n  enabled: true\n  path: /\n  servicePort: app\n  annotations:\n    a: {v}\n"),
    ("pod-label", "additionalPodLabels:\n  a: {v}\n"),
    ("deploy-label", "additionalDeploymentLabels:\n  a: {v}\n"),
    ("env-value", "envVars:\n  A: {v}\n"),
    ("env-name", "envVars:\n  {v}: value\n"),
    ("monitor-label", "serviceMonitor:\n  enabled: true\n  labels:\n    a: {v}\n  endpoints:\n    e:\n      port: http\n"),
    ("sa-label", "serviceAccount:\n  create: true\n  name: sa\n  labels:\n    a: {v}\n"),
    ("sa-annotation", "serviceAccount:\n  create: true\n  name: sa\n  annotations:\n    a: {v}\n"),
    ("node-selector", "nodeSelector:\n  a: {v}\n"),
    ("configmap-key", "configMaps:\n  cm:\n    as: environment\n    items:\n      {v}:\n        envVarName: X\n"),
    ("configmap-volume-key", "configMaps:\n  cm:\n    as: volume\n    mountPath: /c\n    items:\n      {v}:\n        filePath: f\n"),
    ("args", "containerArgs:\n  - {v}\n"),
    ("command", "containerCommand:\n  - {v}\n"),
    ("image-tag", "containerImage:\n  tag: {v}\n"),
    ("canary-tag", "canary:\n  enabled: true\n  containerImage:\n    repository: nginx\n    tag: {v}\n"),
    ("ingress-host", "ingress:\n  enabled: true\n  path: /\n  servicePort: app\n  hosts:\n    - {v}\n"),
    ("ingress-path", "ingress:\n  enabled: true\n  path: {v}\n  servicePort: app\n"),
    ("service-port-name", "service:\n  ports:\n    {v}:\n      port: 80\n"),
    ("container-port-name", "containerPorts:\n  {v}:\n    port: 8080\n    protocol: TCP\n"),
    ("secret-env-name", "secrets:\n  s:\n    as: environment\n    items:\n      k:\n        envVarName: {v}\n"),
    ("mount-path", "secrets:\n  s:\n    as: volume\n    mountPath: {v}\n"),
    ("scratch-path", "scratchPaths:\n  t: {v}\n"),
    ("sidecar-env", "sideCarContainers:\n  sc:\n    image: busybox\n    env:\n      - name: A\n        value: {v}\n"),
    ("pod-security", "podSecurityContext:\n  runAsUser: {v}\n"),
    ("priority-class", "priorityClassName: {v}\n"),
    ("pull-secret", "imagePullSecrets:\n  - {v}\n"),
    ("gmc-domain", "google:\n  managedCertificate:\n    enabled: true\n    name: cert\n    domainName: {v}\n"),
]


def yaml_scalar_cases(corpus):
    for position, template in SCALAR_POSITIONS:
        for scalar in SCALARS:
            corpus.add(f"yaml-{position}-{slug(scalar)}", over_linter(template.format(v=scalar)),
                       f"YAML 1.1 scalar {scalar} in {position}", release="yaml")


# Fields the templates print raw or through `int`, with the values to try.
NUMERIC_FIELDS = [
    ("replicas", "replicaCount: {v}\n"),
    ("canary-replicas", "canary:\n  enabled: true\n  replicaCount: {v}\n  containerImage:\n    repository: nginx\n    tag: c\n"),
    ("min-pods", "minPodsAvailable: {v}\n"),
    ("shutdown-delay", "shutdownDelay: {v}\n"),
    ("grace", "terminationGracePeriodSeconds: {v}\n"),
    ("hpa-min", "horizontalPodAutoscaler:\n  enabled: true\n  minReplicas: {v}\n"),
    ("hpa-max", "horizontalPodAutoscaler:\n  enabled: true\n  maxReplicas: {v}\n"),
    ("hpa-cpu", "horizontalPodAutoscaler:\n  enabled: true\n  avgCpuUtilization: {v}\n"),
    ("hpa-mem", "horizontalPodAutoscaler:\n  enabled: true\n  avgMemoryUtilization: {v}\n"),
    ("vpa-min", "verticalPodAutoscaler:\n  enabled: true\n  minReplicas: {v}\n"),
    ("container-port", "containerPorts:\n  http:\n    port: {v}\n"),
    ("ingress-port", "ingress:\n  enabled: true\n  path: /\n  servicePort: {v}\n"),
    ("ingress-extra-port", "ingress:\n  enabled: true\n  path: /\n  servicePort: app\n  additionalPaths:\n    - path: /x\n      servicePort: {v}\n"),
    ("ingress-v1beta1-port", "kubeVersionOverride: '1.18.0'\ningress:\n  enabled: true\n  path: /\n  servicePort: {v}\n"),
    ("service-port", "service:\n  ports:\n    app:\n      port: {v}\n"),
    ("service-target-port", "service:\n  ports:\n    app:\n      targetPort: {v}\n"),
    ("file-mode", "secrets:\n  s:\n    as: volume\n    mountPath: /s\n    items:\n      k:\n        filePath: f\n        fileMode: {v}\n"),
    ("cm-file-mode", "configMaps:\n  c:\n    as: volume\n    mountPath: /c\n    items:\n      k:\n        filePath: f\n        fileMode: {v}\n"),
    ("max-surge", "deploymentStrategy:\n  enabled: true\n  rollingUpdate:\n    maxSurge: {v}\n"),
    ("readonly", "secrets:\n  s:\n    as: volume\n    mountPath: /s\n    readOnly: {v}\n"),
    ("automount", "serviceAccount:\n  automountServiceAccountToken: {v}\n"),
    ("enabled-flag", "ingress:\n  enabled: {v}\n  path: /\n  servicePort: app\n"),
    ("port-disabled", "containerPorts:\n  http:\n    disabled: {v}\n"),
    ("hooks-enabled", "lifecycleHooks:\n  enabled: {v}\n  preStop:\n    exec:\n      command: [x]\n"),
]
NUMERIC_VALUES = ["3", "'3'", "3.0", "3.5", "'03'", "'3.5'", "1e3", "'1e3'", "0x10", "true", "'true'", "''",
                  "null", "0", "'0'", "-1", "abc", "[]", "{}", "1000000", "'8080'", "0644", "'644'", "644",
                  "'+3'", "' 3'", "'0x10'", "yes"]


def numeric_cases(corpus):
    for field, template in NUMERIC_FIELDS:
        for value in NUMERIC_VALUES:
            corpus.add(f"num-{field}-{slug(value)}", over_linter(template.format(v=value)),
                       f"{value} in {field}", release="num")


SET_FIELDS = ["replicaCount", "canary.replicaCount", "minPodsAvailable", "shutdownDelay",
              "terminationGracePeriodSeconds", "horizontalPodAutoscaler.minReplicas", "containerPorts.http.port",
              "ingress.servicePort", "service.ports.app.port", "containerImage.tag", "envVars.A",
              "podAnnotations.a", "additionalPodLabels.a"]
SET_VALUES = ["3", "03", "3.5", "1e3", "true", "null", "0", "12345678901234567890", "-2",
              "abc"]


def set_cases(corpus):
    extra = {"canary.replicaCount": ["canary.enabled=true", "canary.containerImage.repository=nginx",
                                     "canary.containerImage.tag=c"],
             "horizontalPodAutoscaler.minReplicas": ["horizontalPodAutoscaler.enabled=true"],
             "ingress.servicePort": ["ingress.enabled=true", "ingress.path=/"]}
    for field in SET_FIELDS:
        for value in SET_VALUES:
            corpus.add(f"setnum-{field}-{slug(value)}", LINTER_YAML, f"--set {field}={value}", release="setnum",
                       sets=extra.get(field, []) + [f"{field}={value}"])
    for expr in ["containerImage.tag=1.25", "containerImage.tag=1.0", "containerImage.tag=010",
                 "envVars.A=1\\,2", "envVars.B=", "secrets.s.as=volume,secrets.s.mountPath=/s,secrets.s.items.k.filePath=f,secrets.s.items.k.fileMode=0644",
                 "secrets.s.as=volume,secrets.s.mountPath=/s,secrets.s.items.k.filePath=f,secrets.s.items.k.fileMode=644",
                 "service.ports.app.port=8080,service.ports.app.targetPort=8080",
                 "imagePullSecrets[0]=a,imagePullSecrets[2]=c", "containerArgs={a,b,c}",
                 "tolerations[0].key=k,tolerations[0].operator=Exists",
                 "ingress.enabled=true,ingress.path=/,ingress.servicePort=80,ingress.hosts={a.example.com,b.example.com}",
                 "applicationName=null", "service=null", "service.ports=null", "containerPorts.http=null"]:
        corpus.add(f"setexpr-{slug(expr)[-90:]}", LINTER_YAML, f"--set {expr}", release="setexpr", sets=[expr])


DEFAULT_KEYS = ["containerCommand", "containerArgs", "containerPorts", "startupProbe", "livenessProbe",
                "readinessProbe", "hostAliases", "securityContext", "podSecurityContext", "shutdownDelay",
                "lifecycleHooks", "sideCarContainers", "initContainers", "canary", "replicaCount",
                "deploymentStrategy", "deploymentAnnotations", "additionalDeploymentLabels", "podAnnotations",
                "additionalPodLabels", "minPodsAvailable", "service", "serviceMonitor", "ingress", "envVars",
                "additionalContainerEnv", "configMaps", "persistentVolumes", "scratchPaths", "emptyDirs", "secrets",
                "containerResources", "nodeSelector", "affinity", "priorityClassName", "tolerations",
                "imagePullSecrets", "terminationGracePeriodSeconds", "serviceAccount", "horizontalPodAutoscaler",
                "verticalPodAutoscaler", "customResources", "fullnameOverride", "google"]
NESTED_KEYS = ["containerPorts.http", "containerPorts.http.port", "containerPorts.http.protocol",
               "lifecycleHooks.enabled", "deploymentStrategy.type", "deploymentStrategy.rollingUpdate",
               "service.enabled", "service.ports", "service.ports.app", "service.ports.app.port",
               "service.ports.app.targetPort", "serviceMonitor.namespace", "serviceMonitor.labels",
               "serviceMonitor.endpoints", "serviceAccount.name", "serviceAccount.create",
               "serviceAccount.annotations", "serviceAccount.labels", "horizontalPodAutoscaler.minReplicas",
               "horizontalPodAutoscaler.maxReplicas", "verticalPodAutoscaler.updateMode",
               "verticalPodAutoscaler.minReplicas", "verticalPodAutoscaler.mainContainerResourcePolicy",
               "verticalPodAutoscaler.mainContainerResourcePolicy.controlledResources",
               "verticalPodAutoscaler.mainContainerResourcePolicy.controlledValues",
               "verticalPodAutoscaler.extraResourcePolicy", "customResources.resources",
               "google.managedCertificate", "containerImage.pullPolicy", "ingress.enabled"]
# Turn the feature on so that the nulled/emptied value is read.
ENABLE = {"serviceMonitor": "serviceMonitor:\n  enabled: true\n",
          "serviceAccount": "serviceAccount:\n  create: true\n",
          "horizontalPodAutoscaler": "horizontalPodAutoscaler:\n  enabled: true\n",
          "verticalPodAutoscaler": "verticalPodAutoscaler:\n  enabled: true\n",
          "customResources": "customResources:\n  enabled: true\n",
          "google": "google:\n  managedCertificate:\n    enabled: true\n    name: c\n    domainName: d\n"}


def nested_yaml(path, value):
    parts = path.split(".")
    text = ""
    for depth, part in enumerate(parts):
        text += "  " * depth + part + ":" + ("\n" if depth < len(parts) - 1 else f" {value}\n")
    return text


def null_and_empty_cases(corpus):
    for key in DEFAULT_KEYS + NESTED_KEYS:
        top = key.split(".")[0]
        for label, value in [("null", "null"), ("map", "{}"), ("list", "[]"), ("str", "''"), ("zero", "0"),
                             ("false", "false")]:
            if label in ("zero", "false") and "." not in key and key not in ("service", "ingress", "canary"):
                continue
            values = over_linter(nested_yaml(key, value))
            if top in ENABLE and key != top:
                values = over_linter(ENABLE[top] + "\n".join(nested_yaml(key, value).splitlines()[1:]) + "\n")
            corpus.add(f"{'null' if label == 'null' else 'empty'}-{key}-{label}", values, f"{key}: {value}",
                       release="nulls")
            if top == "ingress" or key in ("service.enabled",):
                pass
    for key in ["ingress.hosts", "ingress.tls", "ingress.additionalPaths", "ingress.additionalPathsHigherPriority",
                "ingress.annotations", "ingress.path", "ingress.servicePort", "ingress.pathType",
                "ingress.ingressClassName"]:
        for label, value in [("null", "null"), ("map", "{}"), ("list", "[]"), ("str", "''")]:
            sub = key.split(".")[1]
            base = {"path": "/app", "servicePort": "app"}
            text = LINTER_YAML + "ingress:\n  enabled: true\n"
            for k, v in base.items():
                if k != sub:
                    text += f"  {k}: {v}\n"
            text += f"  {sub}: {value}\n"
            corpus.add(f"empty-{key}-{label}", text, f"ingress on, {key}: {value}", release="nulls")


RELEASES = ["linter", "my-linter", "linter-prod", "a", "x" * 53, "y" * 70, "release-" + "z" * 54 + "-b",
            "rel-with-trailing-dash-at-sixty-three-characters-for-the-app-x-y", "123", "true"]
NAMESPACES = ["default", "kube-system", "team-a"]
KUBE_VERSIONS = ["v1.18.0", "v1.19.0", "v1.20.15", "v1.21.0", "v1.22.3", "v1.23.0", "v1.25.0", "v1.29.1",
                 "v1.33.0"]
EVERYTHING = LINTER_YAML + """\
canary:
  enabled: true
  containerImage:
    repository: nginx
    tag: canary
ingress:
  enabled: true
  path: /app
  pathType: Prefix
  servicePort: app
  hosts:
    - a.example.com
  additionalPaths:
    - path: /extra
      pathType: Exact
      servicePort: 8080
horizontalPodAutoscaler:
  enabled: true
  avgCpuUtilization: 50
verticalPodAutoscaler:
  enabled: true
minPodsAvailable: 1
serviceMonitor:
  enabled: true
  endpoints:
    http:
      port: http
serviceAccount:
  create: true
  name: sa
google:
  managedCertificate:
    enabled: true
    name: cert
    domainName: a.example.com
"""


def release_and_kube_cases(corpus):
    for release in RELEASES:
        for namespace in NAMESPACES[:2]:
            corpus.add(f"release-{release[:20]}-{len(release)}-{namespace}", EVERYTHING,
                       f"release {release!r} in namespace {namespace}", release=release, namespace=namespace)
    for version in KUBE_VERSIONS:
        corpus.add(f"kube-{version}", EVERYTHING, f"everything on, kube version {version}", release="kube",
                   kube_version=version)
    for override in ["'1.18'", "1.19.0", "v1.20.0", "'1.21'", "1.22.0-gke.1200", "v1.23.0", "'1.25'", "1.30.0",
                     "''", "1.2.3.4", "abc"]:
        corpus.add(f"kube-override-{override.strip(chr(39)) or 'empty'}",
                   EVERYTHING + f"kubeVersionOverride: {override}\n", f"kubeVersionOverride {override}",
                   release="kube")
    for version in ["v1.18.0", "v1.22.0"]:
        corpus.add(f"kube-{version}-override-1.30", EVERYTHING + "kubeVersionOverride: 1.30.0\n",
                   f"kube {version} and kubeVersionOverride 1.30.0", release="kube", kube_version=version)


CRAFTED = {
    "canary-no-tag": "canary:\n  enabled: true\n  containerImage:\n    repository: nginx\n",
    "canary-no-image": "canary:\n  enabled: true\n",
    "canary-zero-replicas": "canary:\n  enabled: true\n  replicaCount: 0\n  containerImage:\n    repository: nginx\n    tag: c\n    pullPolicy: Always\n",
    "canary-hpa": "horizontalPodAutoscaler:\n  enabled: true\ncanary:\n  enabled: true\n  replicaCount: 2\n  containerImage:\n    repository: nginx\n    tag: '1.0'\n",
    "canary-disabled-with-image": "canary:\n  enabled: false\n  containerImage:\n    repository: nginx\n",
    "ingress-many-hosts-higher": "ingress:\n  enabled: true\n  path: /\n  servicePort: 80\n  hosts: [a.com, b.com, c.com]\n  additionalPathsHigherPriority:\n    - path: /hp\n    - path: /hp2\n      serviceName: other\n      servicePort: other-port\n  additionalPaths:\n    - path: /lp\n",
    "ingress-higher-no-port-no-hosts": "ingress:\n  enabled: true\n  path: /\n  servicePort: 80\n  additionalPathsHigherPriority:\n    - path: /hp\n",
    "ingress-higher-no-port-hosts": "ingress:\n  enabled: true\n  path: /\n  servicePort: 80\n  hosts: [a.com, b.com]\n  additionalPathsHigherPriority:\n    - path: /hp\n      pathType: Prefix\n",
    "ingress-extra-fullname": "ingress:\n  enabled: true\n  path: /\n  servicePort: app\n  additionalPaths:\n    - path: /x\n      fullName: someone\n",
    "ingress-no-port": "ingress:\n  enabled: true\n  path: /\n",
    "ingress-no-path": "ingress:\n  enabled: true\n  servicePort: app\n",
    "ingress-pathtype-old": "kubeVersionOverride: '1.18.0'\ningress:\n  enabled: true\n  path: /\n  pathType: Prefix\n  servicePort: app\n  additionalPaths:\n    - path: /x\n      pathType: Exact\n      servicePort: 81\n",
    "ingress-tls-no-hosts": "ingress:\n  enabled: true\n  path: /\n  servicePort: app\n  tls:\n    - secretName: s\n",
    "ingress-class-annotations": "ingress:\n  enabled: true\n  path: /\n  servicePort: app\n  ingressClassName: nginx\n  annotations:\n    nginx.ingress.kubernetes.io/rewrite-target: /$2\n    kubernetes.io/ingress.class: nginx\n",
    "ingress-service-disabled": "service:\n  enabled: false\ningress:\n  enabled: true\n  path: /\n  servicePort: 80\n",
    "ingress-extra-port-zero": "ingress:\n  enabled: true\n  path: /\n  servicePort: app\n  additionalPaths:\n    - path: /x\n      serviceName: s\n      servicePort: 0\n",
    "ingress-host-wildcard": "ingress:\n  enabled: true\n  path: /\n  servicePort: app\n  hosts: ['*.example.com']\n",
    "ingress-extra-api-version": "ingress:\n  enabled: true\n  path: /\n  servicePort: app\n  additionalPaths:\n    - path: /x\n      ingressAPIVersion: extensions/v1beta1\n      servicePort: 80\n",
    "service-nodeport": "service:\n  type: NodePort\n  ports:\n    app:\n      port: 80\n      targetPort: 8080\n      nodePort: 30080\n      protocol: TCP\n",
    "service-multi-ports": "service:\n  ports:\n    web:\n      port: 80\n    admin:\n      port: 9000\n      targetPort: admin\n    udp:\n      port: 53\n      protocol: UDP\n",
    "service-lb": "service:\n  type: LoadBalancer\n  externalTrafficPolicy: Local\n  annotations:\n    service.beta.kubernetes.io/aws-load-balancer-type: nlb\n",
    "service-headless": "service:\n  clusterIP: None\n  internalTrafficPolicy: Local\n",
    "service-affinity-no-config": "service:\n  sessionAffinity: ClientIP\n",
    "service-affinity-config-only": "service:\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 10\n",
    "service-ports-list": "service:\n  ports:\n    - port: 80\n",
    "service-port-app-null": "service:\n  ports:\n    app: null\n    web:\n      port: 81\n",
    "secrets-all-kinds": "secrets:\n  a:\n    as: volume\n    mountPath: /a\n    readOnly: true\n    items:\n      k1:\n        filePath: one\n        fileMode: 400\n      k2:\n        filePath: two\n  b:\n    as: environment\n    items:\n      k:\n        envVarName: B_K\n  c:\n    as: envFrom\n  d:\n    as: none\n  e:\n    as: csi\n    mountPath: /e\n    csi:\n      driver: d\n      secretProviderClass: spc\n",
    "configmaps-all-kinds": "configMaps:\n  a:\n    as: volume\n    mountPath: /a\n    subPath: x\n    items:\n      k1:\n        filePath: one\n        fileMode: '755'\n  b:\n    as: environment\n    items:\n      k:\n        envVarName: B_K\n  c:\n    as: envFrom\n  d:\n    as: none\n",
    "secret-unknown-as": "secrets:\n  s:\n    as: file\n",
    "configmap-unknown-as": "configMaps:\n  c:\n    as: Volume\n",
    "configmap-no-as": "configMaps:\n  c:\n    mountPath: /c\n",
    "secret-as-null": "secrets:\n  s:\n    as: null\n",
    "configmap-env-no-items": "configMaps:\n  c:\n    as: environment\n",
    "configmap-env-missing-name": "configMaps:\n  c:\n    as: environment\n    items:\n      k:\n        filePath: x\n",
    "secret-volume-missing-path": "secrets:\n  s:\n    as: volume\n    mountPath: /s\n    items:\n      k:\n        fileMode: 644\n",
    "secret-volume-no-mountpath": "secrets:\n  s:\n    as: volume\n",
    "secret-readonly-false": "secrets:\n  s:\n    as: volume\n    mountPath: /s\n    readOnly: false\n",
    "secret-csi-no-csi": "secrets:\n  s:\n    as: csi\n    mountPath: /s\n",
    "configmap-items-list": "configMaps:\n  c:\n    as: volume\n    mountPath: /c\n    items:\n      - filePath: a\n",
    "env-and-additional": "envVars:\n  A: a\n  B: 2\nadditionalContainerEnv:\n  - name: C\n    valueFrom:\n      fieldRef:\n        fieldPath: status.podIP\n",
    "additional-env-map": "additionalContainerEnv:\n  C: c\n",
    "env-multiline": "envVars:\n  A: |\n    line1\n    line2\n  B: 'it''s'\n  C: \"tab\\there\"\n",
    "env-list": "envVars:\n  - a\n  - b\n",
    "probes-all": "startupProbe:\n  httpGet:\n    path: /s\n    port: 8080\nlivenessProbe:\n  exec:\n    command: [cat, /tmp/x]\n  periodSeconds: 10\nreadinessProbe:\n  tcpSocket:\n    port: http\n  initialDelaySeconds: 1e1\n",
    "probe-grpc": "livenessProbe:\n  grpc:\n    port: 9090\n    service: ''\n",
    "sidecars-many": "sideCarContainers:\n  b-second:\n    image: busybox\n    args: [sleep, '3600']\n  a-first:\n    image: envoy\n    ports:\n      - containerPort: 9901\n",
    "sidecar-with-name": "sideCarContainers:\n  sc:\n    name: other\n    image: busybox\n",
    "init-many": "initContainers:\n  z:\n    image: busybox\n  a:\n    image: alpine\n    command: [sh, -c, echo hi]\n",
    "init-list": "initContainers:\n  - image: busybox\n",
    "sidecar-list": "sideCarContainers:\n  - image: busybox\n",
    "hpa-custom-metrics": "horizontalPodAutoscaler:\n  enabled: true\n  customMetrics:\n    - type: Pods\n      pods:\n        metric:\n          name: packets\n        target:\n          type: AverageValue\n          averageValue: 1k\n",
    "hpa-behavior-template": "horizontalPodAutoscaler:\n  enabled: true\n  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: 300\n      policies:\n        - type: Percent\n          value: 10\n          periodSeconds: 60\n",
    "hpa-behavior-tpl-values": "horizontalPodAutoscaler:\n  enabled: true\n  behavior:\n    scaleDown:\n      selectPolicy: '{{ .Values.applicationName }}'\n",
    "hpa-behavior-tpl-release": "horizontalPodAutoscaler:\n  enabled: true\n  behavior:\n    scaleUp:\n      selectPolicy: '{{ .Release.Name }}-{{ .Release.Namespace }}'\n",
    "hpa-no-metrics": "horizontalPodAutoscaler:\n  enabled: true\n  minReplicas: 2\n  maxReplicas: 3\n",
    "hpa-zero-cpu": "horizontalPodAutoscaler:\n  enabled: true\n  avgCpuUtilization: 0\n",
    "pdb-and-hpa": "minPodsAvailable: 2\nhorizontalPodAutoscaler:\n  enabled: true\n",
    "pdb-float": "minPodsAvailable: 1.9\n",
    "pdb-percent": "minPodsAvailable: 50%\n",
    "vpa-extra-null": "verticalPodAutoscaler:\n  enabled: true\n  extraResourcePolicy: null\n",
    "vpa-all": "verticalPodAutoscaler:\n  enabled: true\n  updateMode: Auto\n  minReplicas: 1\n  mainContainerResourcePolicy:\n    minAllowed:\n      cpu: 100m\n    maxAllowed:\n      memory: 1Gi\n    controlledResources: [cpu]\n    controlledValues: RequestsOnly\n  extraResourcePolicy:\n    - containerName: sidecar\n      mode: 'Off'\n    - containerName: '*'\n      mode: Auto\n",
    "vpa-update-mode-bool": "verticalPodAutoscaler:\n  enabled: true\n  updateMode: off\n",
    "sa-multi-annotations": "serviceAccount:\n  create: true\n  name: sa\n  annotations:\n    a: '1'\n    b: '2'\n",
    "sa-create-no-name": "serviceAccount:\n  create: true\n",
    "sa-labels-pull-secrets": "serviceAccount:\n  create: true\n  name: sa\n  labels:\n    team: a\n    tier: b\nimagePullSecrets: [x, y]\n",
    "sa-automount-name": "serviceAccount:\n  name: existing\n  automountServiceAccountToken: false\n",
    "sa-name-number": "serviceAccount:\n  name: 123\n",
    "custom-resources-multi-doc": "customResources:\n  enabled: true\n  resources:\n    b: |\n      apiVersion: v1\n      kind: ConfigMap\n      metadata:\n        name: b\n      data:\n        k: 'yes'\n    a: |\n      apiVersion: v1\n      kind: Secret\n      metadata:\n        name: a\n      stringData:\n        k: v\n",
    "custom-resources-template-text": "customResources:\n  enabled: true\n  resources:\n    a: |\n      apiVersion: v1\n      kind: ConfigMap\n      metadata:\n        name: '{{ .Release.Name }}'\n",
    "custom-resources-map": "customResources:\n  enabled: true\n  resources:\n    a:\n      apiVersion: v1\n      kind: ConfigMap\n",
    "custom-resources-disabled": "customResources:\n  enabled: false\n  resources:\n    a: 'kind: x'\n",
    "custom-resources-two-docs-in-one": "customResources:\n  enabled: true\n  resources:\n    a: |\n      apiVersion: v1\n      kind: ConfigMap\n      metadata:\n        name: a1\n      ---\n      apiVersion: v1\n      kind: ConfigMap\n      metadata:\n        name: a2\n",
    # One endpoint only: Gruntwork's chart lists them with sprig's `values`, in Go's random map order.
    "servicemonitor-no-namespace": "serviceMonitor:\n  enabled: true\n  namespace: ''\n  endpoints:\n    b:\n      port: http\n      interval: 10s\n",
    "servicemonitor-empty-endpoints": "serviceMonitor:\n  enabled: true\n",
    "servicemonitor-endpoints-list": "serviceMonitor:\n  enabled: true\n  endpoints:\n    - port: http\n",
    "gmc-no-name": "google:\n  managedCertificate:\n    enabled: true\n    domainName: a.com\n",
    "fullname-long": "fullnameOverride: " + "f" * 62 + "-x\n",
    "fullname-trailing-dash": "fullnameOverride: " + "f" * 62 + "-\n",
    "app-name-long": "applicationName: " + "a" * 62 + "-b\n",
    "app-name-number": "applicationName: 123\n",
    "app-name-bool": "applicationName: yes\n",
    "fullname-number": "fullnameOverride: 42\n",
    "image-missing-tag": "containerImage:\n  tag: null\n",
    "image-empty-repo": "containerImage:\n  repository: ''\n",
    "image-digest": "containerImage:\n  repository: nginx\n  tag: sha256@abc\n  pullPolicy: Always\n",
    "image-pull-policy-empty": "containerImage:\n  pullPolicy: ''\n",
    "strategy-rolling-both": "deploymentStrategy:\n  enabled: true\n  type: RollingUpdate\n  rollingUpdate:\n    maxSurge: 25%\n    maxUnavailable: 0\n",
    "strategy-enabled-no-type": "deploymentStrategy:\n  enabled: true\n  type: null\n",
    "strategy-custom-type": "deploymentStrategy:\n  enabled: true\n  type: Other\n",
    "resources-full": "containerResources:\n  requests:\n    cpu: 100m\n    memory: 128Mi\n  limits:\n    cpu: 1\n    memory: 1Gi\n    nvidia.com/gpu: 1\n",
    "resources-numbers": "containerResources:\n  requests:\n    cpu: 0.5\n    memory: 1e9\n",
    "tolerations-affinity": "tolerations:\n  - key: a\n    operator: Exists\n    effect: NoSchedule\naffinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n        - matchExpressions:\n            - key: k\n              operator: In\n              values: ['yes', 'no']\n",
    "priority-class": "priorityClassName: high\n",
    "dns-policy": "dnsPolicy: None\nhostAliases:\n  - ip: 10.0.0.1\n    hostnames: [a]\n",
    "grace-zero": "terminationGracePeriodSeconds: 0\n",
    "grace-60": "terminationGracePeriodSeconds: 60\n",
    "volumes-all": "persistentVolumes:\n  data:\n    claimName: c\n    mountPath: /data\nscratchPaths:\n  tmp: /tmp\nemptyDirs:\n  cache: /cache\n",
    "persistent-volume-list": "persistentVolumes:\n  - claimName: c\n    mountPath: /data\n",
    "pull-secrets-map": "imagePullSecrets:\n  a: b\n",
    "lifecycle-post-only-with-delay": "lifecycleHooks:\n  enabled: true\n  postStart:\n    exec:\n      command: [a]\n",
    "lifecycle-enabled-empty": "lifecycleHooks:\n  enabled: true\nshutdownDelay: 0\n",
    "shutdown-negative": "shutdownDelay: -5\n",
    "shutdown-float": "shutdownDelay: 2.7\n",
    "container-ports-many": "containerPorts:\n  https:\n    port: 443\n    protocol: TCP\n  metrics:\n    port: 9090\n  udp:\n    port: 53\n    protocol: UDP\n",
    "container-port-disabled-all": "containerPorts:\n  http:\n    disabled: true\n  other:\n    disabled: true\n    port: 1\n",
    "container-port-no-protocol": "containerPorts:\n  x:\n    port: 81\n",
    "security-context-caps": "securityContext:\n  capabilities:\n    add: [NET_ADMIN]\n    drop: [ALL]\n  readOnlyRootFilesystem: true\n  runAsNonRoot: yes\npodSecurityContext:\n  fsGroup: 0o1750\n  sysctls:\n    - name: net.core.somaxconn\n      value: '1024'\n",
    "labels-special": "additionalPodLabels:\n  app.kubernetes.io/part-of: shop\n  'quoted key': v\nadditionalDeploymentLabels:\n  team: \"a\\\"b\"\n",
    "annotations-nested": "podAnnotations:\n  a:\n    nested: x\ndeploymentAnnotations:\n  list: [1, 2]\n",
    "anchors": "base: &b\n  cpu: 100m\ncontainerResources:\n  requests: *b\n  limits:\n    <<: *b\n    memory: 1Gi\n",
    "unknown-key": "contanerImage:\n  tag: x\n",
    "json-flow": "{\"envVars\": {\"A\": \"1\"}, \"replicaCount\": 2}\n",
    "doc-separator": "---\nreplicaCount: 2\n",
    "duplicate-key": "replicaCount: 2\nreplicaCount: 3\n",
}


def crafted_cases(corpus):
    for name, text in CRAFTED.items():
        corpus.add(f"crafted-{name}", over_linter(text), f"crafted: {name}", release="crafted")
    # A few with an unusual release or namespace and no linter base.
    corpus.add("crafted-minimal-web", "applicationName: web\ncontainerImage:\n  repository: r\n  tag: t\n",
               "minimal values", release="web-release", namespace="prod")
    corpus.add("crafted-empty-values", "", "no values at all (applicationName missing)", release="crafted")


def oracle_charts(out, upstream_charts):
    """A copy of Gruntwork's charts whose k8s-service Chart.yaml carries our chart's version (the only metadata the
    templates print, in the `helm.sh/chart` label); Gruntwork's own reads `0.0.1-replace`."""
    with open(os.path.join(REPO, "charts", "k8s-service", "Chart.yaml"), encoding="utf-8") as f:
        version = re.search(r"^version:\s*(\S+)", f.read(), re.M).group(1)
    target = os.path.join(out, "oracle-charts")
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(os.path.join(upstream_charts, "k8s-service"), os.path.join(target, "k8s-service"))
    chart_yaml = os.path.join(target, "k8s-service", "Chart.yaml")
    with open(chart_yaml, encoding="utf-8") as f:
        text = f.read()
    with open(chart_yaml, "w", encoding="utf-8") as f:
        f.write(re.sub(r"^version:.*$", f"version: {version}", text, flags=re.M))
    return target


def golden(out, upstream_charts):
    upstream_charts = oracle_charts(out, upstream_charts)
    venv = os.environ.get("PARITY_VENV") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "chartplay-helm-oracle")
    python = os.path.join(venv, "bin", "python")
    subprocess.run(["bash", os.path.join(PARITY, "setup.sh")], check=True, stdout=subprocess.DEVNULL)
    status = subprocess.run([python, os.path.join(PARITY, "run_cases.py"), "--cases", os.path.join(out, "k8s-service"),
                             "--golden", "--auto-expect", "--upstream", upstream_charts]).returncode
    non_finite_floats_fail(os.path.join(out, "k8s-service"))
    return status


def _has_non_finite(node):
    if isinstance(node, float):
        return node != node or node in (float("inf"), float("-inf"))
    if isinstance(node, dict):
        return any(_has_non_finite(k) or _has_non_finite(v) for k, v in node.items())
    if isinstance(node, list):
        return any(_has_non_finite(v) for v in node)
    return False


def non_finite_floats_fail(root):
    """The oracle sorts manifests in Python, which reads `.inf` happily; Helm itself converts every manifest to JSON
    (releaseutil.SortManifests, sigs.k8s.io/yaml) and fails with `json: unsupported value: +Inf` (checked with
    helm_render.py --via-install). Such cases become error cases."""
    for name in sorted(os.listdir(root)):
        expected = os.path.join(root, name, "expected.yaml")
        if not os.path.exists(expected):
            continue
        with open(expected, encoding="utf-8") as f:
            docs, _ = yamlcompat.load_all(f.read())
        if not _has_non_finite(docs):
            continue
        os.remove(expected)
        with open(os.path.join(root, name, "expected_error.txt"), "w", encoding="utf-8") as f:
            f.write("error converting YAML to JSON: json: unsupported value: +Inf (Helm's SortManifests)\n")
        case_path = os.path.join(root, name, "case.yaml")
        with open(case_path, encoding="utf-8") as f:
            meta = yamlcompat.load(f.read())
        meta["expect_error"] = True
        with open(case_path, "w", encoding="utf-8") as f:
            f.write(yamlcompat.dump(meta))
        print(f"non-finite float in {name}: Helm fails to sort it (expect_error)")


def compare(out, render_cmd, extra):
    cmd = [sys.executable, os.path.join(PARITY, "run_cases.py"), "--cases", os.path.join(out, "k8s-service"),
           "--render-cmd", render_cmd] + extra
    return subprocess.run(cmd).returncode


def keep(out, names):
    """Copies generated cases, with Helm's answer, into the curated set in tests/parity/extra."""
    target_root = os.path.join(REPO, "tests", "parity", "extra", "k8s-service")
    for name in names:
        source = os.path.join(out, "k8s-service", name)
        if not os.path.isdir(source):
            raise SystemExit(f"no case {name} in {out}")
        target = os.path.join(target_root, name)
        shutil.rmtree(target, ignore_errors=True)
        os.makedirs(target)
        for file in ("values.yaml", "case.yaml", "expected.yaml", "expected_error.txt"):
            if os.path.exists(os.path.join(source, file)):
                shutil.copy(os.path.join(source, file), os.path.join(target, file))
        print(f"kept {name}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--go-tests")
    ap.add_argument("--upstream-charts", default=os.environ.get("HELM_UPSTREAM_DIR"))
    ap.add_argument("--golden", action="store_true")
    ap.add_argument("--compare", action="store_true")
    ap.add_argument("--no-generate", action="store_true", help="reuse the cases already in --out")
    ap.add_argument("--keep", action="append", default=[])
    ap.add_argument("--render-cmd", default=os.path.join(REPO, "target", "release", "chartplay") +
                    " render {chart} -f {values} --release-name {release} --namespace {namespace}"
                    " {kube_version_flag} {set_flags}")
    ap.add_argument("compare_args", nargs="*", help="passed to run_cases.py (e.g. --filter X -v)")
    a = ap.parse_args(argv)
    if not a.no_generate and not a.keep:
        shutil.rmtree(os.path.join(a.out, "k8s-service"), ignore_errors=True)
        corpus = Corpus(a.out)
        if a.go_tests:
            go_test_cases(corpus, a.go_tests)
            fixture_and_example_cases(corpus, a.go_tests)
        yaml_scalar_cases(corpus)
        numeric_cases(corpus)
        set_cases(corpus)
        null_and_empty_cases(corpus)
        release_and_kube_cases(corpus)
        crafted_cases(corpus)
        print(f"{len(corpus.names)} cases in {corpus.root}")
    status = 0
    if a.keep:
        keep(a.out, a.keep)
        return 0
    if a.golden:
        if not a.upstream_charts:
            ap.error("--golden needs --upstream-charts (or $HELM_UPSTREAM_DIR)")
        status |= golden(a.out, a.upstream_charts)
    if a.compare:
        status |= compare(a.out, a.render_cmd, a.compare_args)
    return status


if __name__ == "__main__":
    sys.exit(main())
