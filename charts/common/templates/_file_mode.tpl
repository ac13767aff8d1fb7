{#-
  A named template (see `_name.tpl`): reads `mode` (its value path in `mode_path`, for errors), a file mode written
  in octal (`644`), and prints it as the
  decimal number Kubernetes expects (`420`). Exactly three octal digits; the messages are those of Gruntwork's
  chart (whose per-digit message names the digit twice).
-#}
{%- with digits = mode | toString | list -%}
{%- if digits | length != 3 -%}
{{ fail(printf("File mode octal expects exactly 3 digits: %s", mode), mode_path) }}
{%- endif -%}
{%- set total = namespace(value=0) -%}
{%- for digit in digits -%}
{%- set number = digit | int -%}
{%- if number == 0 and digit != "0" -%}
{{ fail(printf("Digit %d of %s is not a number: %s", loop.index0, digit, digit), mode_path) }}
{%- endif -%}
{%- if number >= 8 -%}
{{ fail(printf("%s is not a valid octal digit", digit), mode_path) }}
{%- endif -%}
{%- set total.value = total.value * 8 + number -%}
{%- endfor -%}
{{ total.value }}
{%- endwith -%}
