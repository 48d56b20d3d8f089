// The public pages (one lazily loaded chunk; App.tsx routes each of them). The home page is not
// here: it is in the first bundle.
export { OfferingPage } from './OfferingPage';
export { ProviderPage } from './ProviderPage';
export { ProgramsPage, ProgramPage } from './ProgramsPage';
