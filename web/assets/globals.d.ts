// Types shared by the pages' scripts (checked by `npm run lint:web`, tsconfig.web.json; nothing is built).

/** The pages are fixed HTML shells: an id a script asks for is in its page, so a lookup by id is not null. */
interface Document {
  getElementById(elementId: string): HTMLElement;
}

/** Chart.js, loaded by dashboard.html from /ui/vendor/chart.umd.js before the dashboard's module. */
interface Window {
  Chart: typeof import('chart.js').Chart;
}

/** A form whose controls the script reads by name (`form.elements.kind.value`). */
type NamedForm = HTMLFormElement & { elements: HTMLFormControlsCollection & Record<string, HTMLInputElement> };

/** A list page of the JSON API (cursor pagination). */
interface ApiPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** GET /api/v1/auth/me */
interface WhoAmI {
  id: string;
  name: string;
  role: string;
}

/** GET /api/v1/ui/navigation (src/operator-pages/navigation.ts): the header links and section bars for one's role. */
interface NavigationLink {
  href: string;
  label: string;
}
interface NavigationSection extends NavigationLink {
  key: string;
}
interface Navigation {
  role: string;
  roleLabel: string;
  main: NavigationLink[];
  areas: { area: 'technician' | 'hotline'; label: string; sections: NavigationSection[] }[];
}
