// The controls panel: profile picker, pool alignment, and the allocate / free buttons. It only
// turns user input into worker commands (protocol.js); what they do shows in the other panels.
import { MAX_COUNT, MAX_SIZE } from '../protocol.js';

export function createControls(form, send) {
  const profile = form.elements.profile;
  const poolAligned = form.elements.poolAligned;
  const count = form.elements.count;
  const size = form.elements.size;
  const buttons = form.querySelectorAll('button');
  count.max = String(MAX_COUNT);
  size.max = String(MAX_SIZE);

  const allocatorOptions = () => ({ profile: profile.value, poolAligned: poolAligned.checked });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    send({ type: 'allocate', count: count.valueAsNumber, size: size.valueAsNumber });
  });
  form.querySelector('[data-testid="free-every-other"]').addEventListener('click', () =>
    send({ type: 'freeEveryOther' }),
  );
  form.querySelector('[data-testid="free-all"]').addEventListener('click', () =>
    send({ type: 'freeAll' }),
  );
  // A new profile or arena alignment means a new heap: the old blocks go with the old allocator.
  for (const input of [profile, poolAligned]) {
    input.addEventListener('change', () => send({ type: 'reset', ...allocatorOptions() }));
  }

  return {
    allocatorOptions,
    // Called once the module is ready, with the names profiles() returned.
    enable(names, defaultName) {
      profile.replaceChildren(
        ...names.map((name) => {
          const option = document.createElement('option');
          option.value = name;
          option.textContent = `CPython ${name}`;
          return option;
        }),
      );
      profile.value = defaultName;
      profile.disabled = false;
      poolAligned.disabled = false;
      for (const button of buttons) button.disabled = false;
    },
  };
}
