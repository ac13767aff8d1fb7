//! One small function component per file: props are data plus `on…` callbacks.

pub mod chart_picker;
pub mod command_menu;
pub mod copy_button;
pub mod file_tabs;
pub mod history_menu;
pub mod manifest_view;
pub mod manifests;
pub mod notice_bar;
pub mod output_panel;
pub mod problems;
pub mod release_controls;
pub mod share_button;
pub mod values_browser;
pub mod values_editor;
pub mod yaml_view;
