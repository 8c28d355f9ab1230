// Decrypts a case's files in this page with the team member's own secret key. The key is read from the
// chosen file into memory and never sent; the server only ever sends ciphertext. Each plaintext is checked
// against the SHA-256 the gateway recorded before it is offered to save.
import * as openpgp from '/assets/openpgp/dist/openpgp.min.mjs';

const form = document.getElementById('decrypt-form');
const status = document.getElementById('decrypt-status');

function hex(buffer) {
  return Array.from(new Uint8Array(buffer)).map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function secretKey() {
  const file = document.getElementById('secret-key').files[0];
  if (!file) {
    throw new Error('choose your secret key file first');
  }
  const key = await openpgp.readPrivateKey({ armoredKey: await file.text() });
  if (key.isDecrypted()) {
    return key;
  }
  return openpgp.decryptKey({ privateKey: key, passphrase: document.getElementById('passphrase').value });
}

async function decryptRow(row, key) {
  const result = row.querySelector('.workspace-result');
  const sha = row.dataset.object;
  const response = await fetch('/cases/' + form.dataset.reference + '/objects/' + sha, { credentials: 'same-origin' });
  if (!response.ok) {
    throw new Error('the server answered ' + response.status);
  }
  const message = await openpgp.readMessage({ binaryMessage: new Uint8Array(await response.arrayBuffer()) });
  const { data } = await openpgp.decrypt({ message, decryptionKeys: key, format: 'binary' });
  if (hex(await crypto.subtle.digest('SHA-256', data)) !== sha) {
    result.textContent = 'Does not match its SHA-256: not offered';
    return false;
  }
  const link = row.querySelector('.workspace-save');
  link.href = URL.createObjectURL(new Blob([data], { type: 'application/octet-stream' }));
  link.download = row.dataset.name;
  link.hidden = false;
  result.textContent = 'Checked';
  return true;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  status.textContent = 'Decrypting…';
  let done = 0;
  try {
    const key = await secretKey();
    for (const row of document.querySelectorAll('[data-object]')) {
      if (await decryptRow(row, key)) {
        done += 1;
      }
    }
    status.textContent = 'Decrypted and checked ' + done + ' files. Nothing was sent to the server.';
  } catch (error) {
    status.textContent = 'Could not decrypt: ' + error.message;
  }
});
