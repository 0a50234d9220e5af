import type { Language } from "./i18n";

/**
 * The gateway URL belongs to the workbook (a planner's sheet keeps pointing where it was built); the
 * token and language belong to the user (never saved into a workbook that is shared).
 */
export interface Settings {
  gatewayUrl: string;
  token: string | null;
  language: Language;
}

const TOKEN_KEY = "jsk.token";
const LANGUAGE_KEY = "jsk.language";
const GATEWAY_SETTING = "jsk.gatewayUrl";

function workbookSettings(): Office.Settings | undefined {
  return typeof Office !== "undefined" ? Office.context?.document?.settings : undefined;
}

/** The add-in is served by the gateway, so by default the gateway is where the page came from. */
export function defaultGatewayUrl(): string {
  return typeof location !== "undefined" && location.origin.startsWith("http")
    ? `${location.origin}/graphql`
    : "http://localhost:4000/graphql";
}

export function readSettings(): Settings {
  const stored = workbookSettings()?.get(GATEWAY_SETTING) as string | null | undefined;
  return {
    gatewayUrl: stored || defaultGatewayUrl(),
    token: localStorage.getItem(TOKEN_KEY) || null,
    language: localStorage.getItem(LANGUAGE_KEY) === "en" ? "en" : "id",
  };
}

export async function saveSettings(settings: Settings): Promise<void> {
  if (settings.token) localStorage.setItem(TOKEN_KEY, settings.token);
  else localStorage.removeItem(TOKEN_KEY);
  localStorage.setItem(LANGUAGE_KEY, settings.language);
  const workbook = workbookSettings();
  if (workbook) {
    workbook.set(GATEWAY_SETTING, settings.gatewayUrl);
    await new Promise<void>((resolve, reject) =>
      workbook.saveAsync((result) =>
        result.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(result.error),
      ),
    );
  }
}
