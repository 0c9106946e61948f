// The status line under the title: what the heap holds in a sentence, or what went wrong.
import { formatAddress, formatCount } from '../../common/format.js';

export function createStatus(element) {
  let shown = '';
  return {
    render({ snapshot, error }) {
      let text = element.textContent;
      let failed = false;
      if (error) {
        text = error;
        failed = true;
      } else if (snapshot) {
        const blocks = snapshot.liveBlocks === 1 ? 'live block' : 'live blocks';
        text = `CPython ${snapshot.profile} · ${formatCount(snapshot.liveBlocks)} ${blocks}`;
        if (snapshot.lastAddress !== 0) {
          text += ` · newest at ${formatAddress(snapshot.lastAddress)} (${snapshot.lastBlockSize}-byte block)`;
        }
        if (snapshot.note) {
          text += ` · ${snapshot.note}`;
          failed = true;
        }
      }
      if (text === shown) return;
      shown = text;
      element.textContent = text;
      element.classList.toggle('error', failed);
    },
  };
}
