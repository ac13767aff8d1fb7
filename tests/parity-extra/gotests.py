"""Translate Gruntwork's k8s-service Go template tests (test/*_template_test.go) into parity cases.

Every render call of a test becomes one case: `linter_values.yaml`, then the test's fixture files, then its
`SetValues` (Helm `--set` typing, see `set_typed`). Tables (`t.Run` over a list of rows) are expanded from the
rows written in the test. Random ids (`random.UniqueId()`) become fixed strings so that outputs are stable.

The module only reads Go source as text: it knows the handful of shapes the upstream tests use (a
`map[string]string{...}` literal passed to one of the `renderK8SService…WithSetValues` helpers or put into
`helm.Options`), and says so when a test has a shape it does not know.
"""
import os
import re

# Release name each helper of k8s_service_template_render_helpers_for_test.go passes to helm.RenderTemplate.
HELPER_RELEASE = {
    "renderK8SServiceDeploymentWithSetValues": "deployment",
    "renderK8SServiceCanaryDeploymentWithSetValues": "canarydeployment",
    "renderK8SServiceIngressWithSetValues": "ingress",
    "renderK8SServiceIngressWithValuesFile": "ingress",
    "renderK8SServiceExtV1Beta1IngressWithSetValues": "ingress",
    "renderK8SServiceManagedCertificateWithSetValues": "gmc",
    "renderK8SServiceAccountWithSetValues": "serviceaccount",
    "renderK8SServiceWithSetValues": "service",
}

_FUNC = re.compile(r"^func (Test\w+)\(t \*testing\.T\) \{\n(.*?)^\}\n", re.S | re.M)
_STR_VAR = re.compile(r'(\w+)\s*:=\s*"([^"]*)"')
_RANDOM_VAR = re.compile(r"(\w+)\s*:=\s*(?:strings\.ToLower\()?random\.UniqueId\(\)")
_CALL = re.compile(r"(renderK8SService\w+|helm\.RenderTemplateE?)\(")
_GO_STRING = r'"(?:[^"\\]|\\.)*"'


def _balanced(text, start):
    """Index just past the brace block opening at text[start] == '{'."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    raise ValueError("unbalanced braces")


def _call_args(text, start):
    """The text of a call's arguments; text[start] is the opening parenthesis."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] in "([{":
            depth += 1
        elif text[i] in ")]}":
            depth -= 1
            if depth == 0:
                return text[start + 1:i]
    raise ValueError("unbalanced parentheses")


def _go_value(expr, env):
    expr = expr.strip()
    if re.search(r"\s\+\s", expr):
        return "".join(_go_value(part, env) for part in re.split(r"\s\+\s", expr))
    if expr.startswith('"'):
        return bytes(expr[1:-1], "utf-8").decode("unicode_escape")
    m = re.fullmatch(r'fmt\.Sprintf\((' + _GO_STRING + r'),\s*(\w+)\)', expr)
    if m:
        return _go_value(m.group(1), env).replace("%s", env[m.group(2)])
    if expr in env:
        return env[expr]
    raise KeyError(f"unknown Go expression {expr!r}")


def _map_literal(body, env):
    """[(key, value)] of a `map[string]string{...}` body."""
    entries = []
    term = r'(?:' + _GO_STRING + r'|fmt\.Sprintf\([^)]*\)|[\w.]+)'
    item = re.compile(r'\s*(' + term + r'(?:\s*\+\s*' + term + r')*)\s*:\s*(' + term + r')\s*,?')
    text = re.sub(r"//[^\n]*", "", body)
    pos = 0
    while True:
        m = item.match(text, pos)
        if not m:
            break
        entries.append((_go_value(m.group(1), env), _go_value(m.group(2), env)))
        pos = m.end()
    if text[pos:].strip():
        raise ValueError(f"cannot read map literal near {text[pos:pos + 60]!r}")
    return entries


def _fixtures(text):
    return re.findall(r'filepath\.Join\("fixtures",\s*"([^"]+)"\)', text)


def _renders(name, body, env):
    """One dict per render call in a test body (in order)."""
    renders = []
    last = 0
    pending_map = None
    pending_files = []
    for m in _CALL.finditer(body):
        func = m.group(1)
        args = _call_args(body, m.end() - 1)
        segment = body[last:m.start()]
        # `options := &helm.Options{...}` before a helm.RenderTemplate call
        opt = re.search(r"helm\.Options\{", segment)
        if opt:
            block = segment[opt.end() - 1:_balanced(segment, opt.end() - 1)]
            sv = re.search(r"SetValues:\s*map\[string\]string\{", block)
            pending_map = None
            if sv:
                start = sv.end() - 1
                pending_map = _map_literal(block[start + 1:_balanced(block, start) - 1], env)
            pending_files = _fixtures(block)
        if func.startswith("helm."):
            release = re.match(r"\s*t,\s*options,\s*helmChartPath,\s*(" + _GO_STRING + r"|[^,]+),", args)
            rel = release.group(1).strip() if release else "release-name"
            rel = _go_value(rel, env) if rel.startswith('"') else None
            extra = re.findall(_GO_STRING, args.split("]", 1)[1] if "]" in args else "")
            extra = [_go_value(e, env) for e in extra]
            kube = api = None
            for i, e in enumerate(extra):
                if e == "--kube-version":
                    kube = extra[i + 1]
                if e == "--api-versions":
                    api = extra[i + 1]
            renders.append({"release": rel, "sets": pending_map or [], "files": pending_files,
                            "kube_version": kube, "api_versions": api, "expects_error": func.endswith("E")})
        else:
            sets = []
            lit = re.search(r"map\[string\]string\{", args)
            if lit:
                start = lit.end() - 1
                sets = _map_literal(args[start + 1:_balanced(args, start) - 1], env)
            renders.append({"release": HELPER_RELEASE[func], "sets": sets, "files": _fixtures(args),
                            "kube_version": None, "api_versions": None, "expects_error": False})
        last = m.end() + len(args)
    return renders


# Tables the tests range over: test name -> (release name, [(row name, sets)]).
def _tables():
    def file_mode(kind, octal):
        return [(f"{kind}.dbsettings.as", "volume"), (f"{kind}.dbsettings.mountPath", "/etc/db"),
                (f"{kind}.dbsettings.items.host.filePath", "host.txt"),
                (f"{kind}.dbsettings.items.host.fileMode", octal)]

    octals = ["644", "700", "755", "777"]
    return {
        "TestK8SServiceRequiredValuesAreRequired": (
            "required", [(v.lower(), [(v, "null")]) for v in
                         ["containerImage.repository", "containerImage.tag", "applicationName"]], True),
        "TestK8SServiceOptionalValuesAreOptional": (
            "all", [(v.lower(), [(v, "null")]) for v in ["containerImage.pullPolicy"]], False),
        "TestK8SServiceVolumeConfigMapWithKeyFileModeConvertsOctalToDecimal": (
            "deployment", [(o, file_mode("configMaps", o)) for o in octals], False),
        "TestK8SServiceVolumeSecretWithKeyFileModeConvertsOctalToDecimal": (
            "deployment", [(o, file_mode("secrets", o)) for o in octals], False),
        "TestK8SServiceClusterIP": (
            "service", [("unset", []), ("none", [("service.clusterIP", "None")]),
                        ("192.168.0.42", [("service.clusterIP", "192.168.0.42")])], False),
        "TestK8SServiceFileModeOctalToDecimalAssertions": (
            "fileoctal", [(o, file_mode("secrets", o)) for o in ["800", "080", "008", "nan", "75n", "0644", "44"]],
            True),
    }


def translate(test_dir):
    """[{name, test, file, release, sets, files, kube_version, api_versions, expects_error}] for every render."""
    out = []
    tables = _tables()
    for fname in sorted(os.listdir(test_dir)):
        if not fname.endswith("_template_test.go"):
            continue
        with open(os.path.join(test_dir, fname), encoding="utf-8") as f:
            source = f.read()
        for m in _FUNC.finditer(source):
            test, body = m.group(1), m.group(2)
            if test in tables:
                release, rows, err = tables[test]
                for row, sets in rows:
                    out.append({"test": test, "file": fname, "row": row, "release": release, "sets": sets,
                                "files": [], "kube_version": None, "api_versions": None, "expects_error": err})
                continue
            env = dict(_STR_VAR.findall(body))
            for var in _RANDOM_VAR.findall(body):
                env[var] = "ab12cd"
            renders = _renders(test, body, env)
            for i, r in enumerate(renders):
                r.update(test=test, file=fname, row=f"{i + 1}" if len(renders) > 1 else None)
                out.append(r)
    for case in out:
        base = re.sub(r"^TestK8[sS]Service", "", case["test"])
        kebab = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "-", base).lower()
        case["name"] = "test-" + kebab + (f"-{case['row']}" if case["row"] else "")
    return out
