//! "Copy as command": the command lines that render what the playground shows, with the values files named as
//! their tabs: `chartplay render …` and `helm template …` (Helm run on the chart's folder from chartplay's
//! repository, `charts/<chart>`, renders the same bytes).

use chartplay_core::{SetFlag, DEFAULT_RELEASE_NAME};

use crate::draft::{Draft, FLAGS_TAB};

/// The two command lines for `chart` and `draft`; `None` while the flags panel does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commands {
    /// `chartplay render CHART -f … --set … [--release-name NAME] [-n NS] [--kube-version V]`.
    pub chartplay: String,
    /// `helm template [NAME] charts/CHART -f … --set … [-n NS] [--kube-version V]`.
    pub helm: String,
}

impl Commands {
    /// The command lines for `draft` of `chart`, or `None` when its flags panel has a line that is not a flag.
    pub fn new(chart: &str, draft: &Draft) -> Option<Commands> {
        let flags = SetFlag::from_lines(&draft.flags, FLAGS_TAB).ok()?;
        let mut inputs: Vec<String> = Vec::new();
        for file in &draft.files {
            inputs.extend(["-f".to_string(), quote(&file.name)]);
        }
        for flag in &flags {
            inputs.extend([flag.kind.flag().to_string(), quote(&flag.expr)]);
        }
        let mut settings = Vec::new();
        if !draft.namespace.is_empty() {
            settings.extend(["-n".to_string(), quote(&draft.namespace)]);
        }
        if !draft.kube_version.is_empty() {
            settings.extend(["--kube-version".to_string(), quote(&draft.kube_version)]);
        }
        let release = (!draft.release_name.is_empty() && draft.release_name != DEFAULT_RELEASE_NAME)
            .then(|| quote(&draft.release_name));
        let mut chartplay = vec!["chartplay".to_string(), "render".into(), quote(chart)];
        chartplay.extend(inputs.iter().cloned());
        if let Some(release) = &release {
            chartplay.extend(["--release-name".to_string(), release.clone()]);
        }
        chartplay.extend(settings.iter().cloned());
        let mut helm = vec!["helm".to_string(), "template".into()];
        helm.extend(release);
        helm.push(quote(&format!("charts/{chart}")));
        helm.extend(inputs);
        helm.extend(settings);
        Some(Commands { chartplay: chartplay.join(" "), helm: helm.join(" ") })
    }
}

/// `word` as a POSIX shell reads it back: as it is when it has nothing the shell would read otherwise, else in
/// single quotes (a quote inside becomes `'\''`).
pub fn quote(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_@%+=:,./-".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use chartplay_core::ValuesFile;

    use super::*;

    #[test]
    fn the_commands_name_the_files_as_their_tabs_and_quote_what_a_shell_would_read() {
        let draft = Draft {
            files: vec![ValuesFile::new("values.yaml", ""), ValuesFile::new("values prod.yaml", "")],
            flags: "--set replicaCount=3\n# a note\n--set-string 'image.tag=v1 beta'\n--set-json a={\"b\":1}\n".into(),
            release_name: "web".into(),
            namespace: "prod".into(),
            kube_version: "1.30.0".into(),
        };
        let commands = Commands::new("k8s-service", &draft).unwrap();
        assert_eq!(
            commands.chartplay,
            "chartplay render k8s-service -f values.yaml -f 'values prod.yaml' --set replicaCount=3 \
             --set-string 'image.tag=v1 beta' --set-json 'a={\"b\":1}' --release-name web -n prod --kube-version 1.30.0"
        );
        assert_eq!(
            commands.helm,
            "helm template web charts/k8s-service -f values.yaml -f 'values prod.yaml' --set replicaCount=3 \
             --set-string 'image.tag=v1 beta' --set-json 'a={\"b\":1}' -n prod --kube-version 1.30.0"
        );
        let plain = Commands::new("k8s-job", &Draft::with_values("")).unwrap();
        assert_eq!(plain.chartplay, "chartplay render k8s-job -f values.yaml");
        assert_eq!(plain.helm, "helm template charts/k8s-job -f values.yaml");
        let broken = Draft { flags: "--values x.yaml\n".into(), ..Draft::with_values("") };
        assert_eq!(Commands::new("k8s-job", &broken), None);
    }

    #[test]
    fn quoting_survives_quotes() {
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("a=$HOME"), "'a=$HOME'");
    }
}
