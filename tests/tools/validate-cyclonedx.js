// Validates CycloneDX 1.6 JSON BOMs against the official schema with OWASP
// CycloneDX's own library (JsonStrictValidator: no additional properties).
// Usage: NODE_PATH=DIR/node_modules node validate-cyclonedx.js FILE...
// Exit 0 when every file validates, 1 with the errors otherwise.
'use strict';
const fs = require('fs');
const { Spec, Validation } = require('@cyclonedx/cyclonedx-library');

async function main(files) {
  const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
  let failed = false;
  for (const file of files) {
    const errors = await validator.validate(fs.readFileSync(file, 'utf8'));
    if (errors !== null) {
      failed = true;
      console.error(file + ': ' + JSON.stringify(errors, null, 2));
    }
  }
  process.exit(failed ? 1 : 0);
}

main(process.argv.slice(2)).catch((e) => {
  console.error(String(e && e.stack ? e.stack : e));
  process.exit(2);
});
