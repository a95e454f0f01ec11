// JourneyLab's guided notebooks in JupyterLab: the form is there on opening, the code is not.
//
// JupyterLab runs nothing on opening, and rightly: a notebook from elsewhere would run code
// nobody has seen. So a notebook is run here only when its code is exactly the code of a
// guided notebook JourneyLab ships: the server lists the digests of that code
// (GET <base_url>journeylab/guided, behind Jupyter's login) and the digest of the opened
// notebook must be one of them. Metadata alone is never enough; any other notebook is left
// exactly as JupyterLab shows it.
//
// The shell is used through the few members it has had all along in JupyterLab 4 rather
// than through @jupyterlab/notebook's tokens: importing those makes a fresh build install
// about 250 more npm packages (300 MB) for nothing this file needs.

/** Class of a guided notebook's panel: the stylesheet hides its code. */
const GUIDED = 'journeylab-guided';
/** Joins the code cells' sources before digesting; the same as SEPARATOR in guided.py. */
const SEPARATOR = '\n\u0000\n';

/**
 * SHA-256, in hex, of a notebook's code, exactly as journeylab/server/guided.py defines it:
 * the source of every code cell, in order, joined by SEPARATOR, as UTF-8. Browsers offer
 * crypto.subtle only to secure pages (https, localhost): elsewhere this throws, and nothing runs.
 */
export async function codeDigest(notebook) {
  const code = notebook.cells
    .filter(cell => cell.cell_type === 'code')
    .map(cell => (Array.isArray(cell.source) ? cell.source.join('') : cell.source))
    .join(SEPARATOR);
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(code));
  return Array.from(new Uint8Array(hash), byte => byte.toString(16).padStart(2, '0')).join('');
}

/** Whether a main-area widget is a notebook: a document with cells and a kernel session. */
function isNotebook(widget) {
  return Boolean(
    widget && widget.context && widget.sessionContext && widget.content &&
      Array.isArray(widget.content.widgets) && /\.ipynb$/.test(widget.context.path)
  );
}

/** The digests of the shipped guided notebooks, each with the kernel it is for. */
async function fetchShipped(settings) {
  // the same request JupyterLab's own services make: its cookie, or its token when it has one
  const { baseUrl, fetch, init, token } = settings; // fetch must not be called on settings
  const headers = token ? { Authorization: `token ${token}` } : {};
  const response = await fetch(`${baseUrl}journeylab/guided`, {
    ...init,
    headers
  });
  if (!response.ok) {
    throw new Error(`journeylab/guided answered ${response.status}`);
  }
  return (await response.json()).digests;
}

/**
 * Keep a guided notebook from being saved by JupyterLab's autosave. Its forms save the
 * workshop; the notebook is the shipped text, and saving it would write the forms' outputs
 * and widget state into it, so the next visit (and `git status`) would find it changed.
 */
function keepUnsaved(model) {
  model.dirty = false;
  model.stateChanged.connect((_, change) => {
    if (change.name === 'dirty' && change.newValue) {
      model.dirty = false;
    }
  });
}

/**
 * Hide the code of `panel` and run it, if its code is shipped code. Until then the notebook
 * stays exactly as JupyterLab shows it.
 */
async function guide(app, panel, shipped) {
  await panel.context.ready;
  const notebook = panel.context.model.toJSON();
  if (!notebook.metadata || !notebook.metadata.journeylab) {
    return; // not even claiming to be a guided notebook: no request, no digest
  }
  const digest = await codeDigest(notebook);
  panel.node.dataset.journeylabDigest = digest; // lets the tests compare with Python's
  const digests = await shipped();
  if (!Object.hasOwn(digests, digest)) {
    return; // the metadata of a guided notebook, but other code: left alone
  }
  panel.addClass(GUIDED);
  keepUnsaved(panel.context.model);
  await panel.sessionContext.ready;
  // A kernel that outlived an earlier visit still holds that visit's widgets, and the
  // widget manager asks for them as soon as the session is ready. Letting it ask first puts
  // our cells behind its request in the kernel's queue; run before, a form that reuses one
  // of those widgets meets it unknown and shows "Error displaying widget".
  await new Promise(resolve => setTimeout(resolve, 0));
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (panel.isDisposed || !kernel || kernel.name !== digests[digest]) {
    return; // no kernel, or another one than the code was written for
  }
  // this panel, even when the user has moved to another tab while the kernel started
  const ran = app.commands.execute('notebook:run-all-cells', {
    widgetId: panel.id,
    activate: false
  });
  // running every cell makes the last one active, below the form; the guidance is on top
  panel.content.activeCellIndex = 0;
  await ran;
}

const plugin = {
  id: 'journeylab:guided',
  description: 'Runs a guided JourneyLab notebook when it opens and hides its code.',
  autoStart: true,
  activate: app => {
    // asked once, when the first notebook that claims to be guided opens
    let digests = null;
    const shipped = () =>
      (digests ||= fetchShipped(app.serviceManager.serverSettings).catch(error => {
        digests = null; // asked again by the next notebook
        throw error;
      }));
    // a notebook is looked at once, when it first comes to the front: coming back to its
    // tab, or restarting its kernel, runs nothing again
    const seen = new WeakSet();
    const consider = widget => {
      if (!isNotebook(widget) || seen.has(widget)) {
        return;
      }
      seen.add(widget);
      guide(app, widget, shipped).catch(error =>
        console.warn('JourneyLab: a guided notebook was not run.', error)
      );
    };
    app.shell.currentChanged.connect((_, change) => consider(change.newValue));
    app.restored.then(() => consider(app.shell.currentWidget));
  }
};

export default plugin;
