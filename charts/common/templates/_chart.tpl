{#-
  A named template (see `_name.tpl`); reads `Chart`, prints the `helm.sh/chart` label: `<chart>-<version>` with
  `+` made label-safe, cut to 63 characters.
-#}
{{- printf("%s-%s", Chart.Name, Chart.Version) | replace("+", "_") | trunc(63) | trimSuffix("-") -}}
