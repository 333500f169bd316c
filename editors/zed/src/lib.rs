//! Starts `modal-atlas server` for Python files: the binary from `lsp.modal-atlas.binary.path` in
//! Zed's settings when set, else the one on the worktree's PATH (what `pipx install modal-atlas` gives).

use zed_extension_api::{self as zed, settings::LspSettings};

struct ModalAtlas;

impl zed::Extension for ModalAtlas {
    fn new() -> Self {
        ModalAtlas
    }

    fn language_server_command(
        &mut self,
        server: &zed::LanguageServerId,
        worktree: &zed::Worktree,
    ) -> zed::Result<zed::Command> {
        let binary = LspSettings::for_worktree(server.as_ref(), worktree).ok().and_then(|settings| settings.binary);
        let configured = binary.as_ref().and_then(|binary| binary.path.clone());
        let command = configured.or_else(|| worktree.which("modal-atlas")).ok_or_else(|| {
            "modal-atlas is not on PATH: install it (`pipx install modal-atlas`) or set \
             lsp.modal-atlas.binary.path in Zed's settings"
                .to_string()
        })?;
        let args = binary.and_then(|binary| binary.arguments).unwrap_or_else(|| vec!["server".into()]);
        Ok(zed::Command { command, args, env: worktree.shell_env() })
    }
}

zed::register_extension!(ModalAtlas);
