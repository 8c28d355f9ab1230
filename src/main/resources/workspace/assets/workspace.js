// GOV.UK Frontend's components, started from this file rather than an inline script, so the
// Content-Security-Policy can refuse every inline script.
import { initAll } from '/assets/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
