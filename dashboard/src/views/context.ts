import type { Language } from "../format";
import type { Strings } from "../i18n";
import type { ViewState } from "../state";

/** What a view needs to draw itself: where it is, in which language, and how to link elsewhere. */
export interface ViewContext {
  state: ViewState;
  /** The question's date: asOf from the URL, else today in Jakarta. */
  questionDate: string;
  language: Language;
  t: Strings;
  link(change: Partial<ViewState>): string;
  signedIn: boolean;
}
