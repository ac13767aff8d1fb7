//! The chart picker: a `<select>` over the built-in charts.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Props of [`ChartPicker`].
#[derive(PartialEq, Properties)]
pub struct ChartPickerProps {
    /// The charts, from `builtin_names()`.
    pub charts: Rc<Vec<String>>,
    /// The chart shown.
    pub selected: String,
    /// Called with the picked chart's name.
    pub onselect: Callback<String>,
}

/// The chart picker.
#[function_component]
pub fn ChartPicker(props: &ChartPickerProps) -> Html {
    let onchange = {
        let onselect = props.onselect.clone();
        Callback::from(move |event: Event| onselect.emit(event.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    html! {
        <label class="field">
            <span class="field-label">{ "Chart" }</span>
            <select id="chart" {onchange} data-testid="chart-picker">
                { for props.charts.iter().map(|name| html! {
                    <option value={name.clone()} selected={*name == props.selected}>{ name }</option>
                }) }
            </select>
        </label>
    }
}
