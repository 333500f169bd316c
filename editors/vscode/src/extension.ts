// Starts `modal-atlas server` for Python files and hands it to VS Code's language client: the
// problems, quick fixes, "fix all", hover, completion and signature help all come from the server.
import { ExtensionContext, window, workspace } from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const settings = workspace.getConfiguration("modalAtlas");
  const command = settings.get<string>("path") || "modal-atlas";
  const siteUrl = settings.get<string>("siteUrl");
  const server: ServerOptions = { command, args: ["server"] };
  const options: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "python" }, { scheme: "untitled", language: "python" }],
    initializationOptions: siteUrl ? { siteUrl } : {},
  };
  client = new LanguageClient("modalAtlas", "Modal Atlas", server, options);
  try {
    await client.start();
  } catch (error) {
    window.showErrorMessage(
      `Modal Atlas could not start \`${command} server\` (install it with \`pipx install modal-atlas\`, or set modalAtlas.path): ${error}`,
    );
  }
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
