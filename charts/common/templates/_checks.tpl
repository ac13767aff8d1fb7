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

{#- Fails unless `value` is a map or null (read with `values`, or ranged over by key). -#}
{% macro expect_map_or_null(value, path) -%}
{%- if value is not none and value is not undefined and value is not mapping -%}
{{ fail(printf("%s must be a map, got %s", path, go_type(value))) }}
{%- endif -%}
{%- endmacro %}

{#- Fails when `value` is set but is neither a map nor a list (Go cannot range over it). -#}
{% macro expect_collection(value, path) -%}
{%- if value and value is not mapping and value is not sequence -%}
{{ fail(printf("%s must be a map, got %s", path, go_type(value))) }}
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
