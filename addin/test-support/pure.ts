// DOM-free helpers of the views, bundled for the unit tests.
export { splitName, companyNameFromDomain } from "../src/views/newContact";
export { mailDetails } from "../src/views/logMail";
export { catalog } from "../src/i18n";
