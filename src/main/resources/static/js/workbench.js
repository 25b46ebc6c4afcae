// The rule workbench (/rules/edit, /rules/history/{id}): a CodeMirror editor whose problems are
// checked while typing, and the buttons that validate, test, try, publish and roll back. Every
// change goes through the JSON API (POST /api/v1/rules/...), which engineers may call with
// their session; the page only shows what it answers. Nothing here is inline in the page.
(function () {
  const TOP = 3;

  function element(tag, className, text) {
    const e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined && text !== null) {
      e.textContent = text;
    }
    return e;
  }

  function link(href, text, className) {
    const a = element('a', className, text);
    a.href = href;
    return a;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  // POSTs JSON to the API; resolves with the status and the body read as JSON (or {}).
  function postJson(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.text().then(function (text) {
        let json = {};
        try {
          json = text ? JSON.parse(text) : {};
        } catch (e) {
          json = { detail: text };
        }
        return { status: response.status, body: json };
      });
    });
  }

  // The words of an RFC 9457 problem document (or of an error the page could not read).
  function problemText(answer) {
    const b = answer.body || {};
    if (answer.status === 401 || answer.status === 403) {
      return 'Not allowed: changing rules needs the engineer role (or the session ended; sign in again).';
    }
    let text = b.detail || b.title || ('The server answered ' + answer.status);
    if (b.field) {
      text += ' (' + b.field + ')';
    }
    return text;
  }

  function message(container, kind, text) {
    clear(container);
    const p = element('p', kind, text);
    container.appendChild(p);
    return p;
  }

  function rankText(rank, gone) {
    return rank === null || rank === undefined ? gone : String(rank);
  }

  function caseVerdict(c) {
    if (c.failing) {
      return 'failing';
    }
    if (c.worse) {
      return 'worse';
    }
    const improved = c.rankAfter !== null && c.rankAfter !== undefined
      && (c.rankBefore === null || c.rankBefore === undefined || c.rankAfter < c.rankBefore);
    return improved ? 'improved' : '';
  }

  // A regression report as the pages show it: the summary, then one row per confirmed incident.
  function renderReport(container, report) {
    clear(container);
    const passed = report.failing === 0;
    const wrap = element('div', 'report ' + (passed ? 'passed' : 'failed'));
    const summary = element('p', 'report-summary');
    summary.appendChild(element('strong', null, passed ? 'Regression report passed' : 'Regression report failed'));
    summary.appendChild(document.createTextNode(': ' + report.cases + ' confirmed incidents replayed in '
      + report.millis + ' ms: ' + report.improved + ' better, ' + report.worse + ' worse, ' + report.unchanged
      + ' unchanged' + (passed ? '' : '; ' + report.failing + ' confirmed cause' + (report.failing === 1 ? '' : 's')
      + ' left the top ' + TOP)));
    wrap.appendChild(summary);
    if (report.results && report.results.length) {
      const table = element('table', 'report-cases');
      const head = element('tr');
      ['Incident', 'Confirmed cause', 'Rank before → after', 'Top cause before → after', ''].forEach(function (h) {
        head.appendChild(element('th', null, h));
      });
      table.appendChild(element('thead')).appendChild(head);
      const body = table.appendChild(element('tbody'));
      report.results.forEach(function (c) {
        const verdict = caseVerdict(c);
        const row = element('tr', verdict);
        const incident = element('td');
        incident.appendChild(link('/incidents/' + c.incidentId, '#' + c.incidentId));
        incident.appendChild(document.createTextNode(' ' + (c.title || '') + ' '));
        incident.appendChild(element('span', 'muted small', c.system));
        row.appendChild(incident);
        row.appendChild(element('td')).appendChild(element('code', null, c.confirmedCause));
        row.appendChild(element('td', 'ranks', rankText(c.rankBefore, '–') + ' → ' + rankText(c.rankAfter, 'gone')));
        row.appendChild(element('td', 'small', (c.topBefore || '–') + ' → ' + (c.topAfter || '–')));
        row.appendChild(element('td')).appendChild(element('span', 'verdict',
          verdict === 'improved' ? 'better' : (verdict || 'same')));
        body.appendChild(row);
      });
      wrap.appendChild(table);
    }
    container.appendChild(wrap);
  }

  // The reason field, and the button that publishes saying it goes over the report.
  function showOverride(section, show) {
    if (section) {
      section.hidden = !show;
      const button = document.getElementById(section.dataset.button);
      if (button) {
        button.textContent = show ? button.dataset.overText : button.dataset.text;
      }
    }
  }

  function reasonOf(section) {
    const field = section && !section.hidden ? section.querySelector('textarea') : null;
    return field && field.value.trim() ? field.value.trim() : null;
  }

  function setVersion(version) {
    const shown = document.getElementById('rule-base-version');
    if (shown && version) {
      shown.textContent = version;
    }
  }

  // What a publish or rollback answered: published (with the new version), or refused.
  function showOutcome(answer, result, reportBody, override, problems) {
    const o = answer.body || {};
    if (answer.status === 200 && o.published) {
      showOverride(override, false);
      if (override) {
        override.querySelector('textarea').value = '';
      }
      const p = message(result, 'notice', 'Published: rule base ' + o.version + ' is in use (publication '
        + o.publicationId + '). ');
      p.id = 'published';
      p.appendChild(link('/rules/history/' + o.publicationId, 'Its changes and report'));
      p.appendChild(document.createTextNode(' · '));
      p.appendChild(link('/rules/history', 'History'));
      setVersion(o.version);
      if (o.report) {
        renderReport(reportBody, o.report);
      }
      return true;
    }
    if (answer.status === 422) {
      const why = (o.refusal || 'see below').replace(/^refused: /, '');
      const refused = message(result, 'problem', 'Refused, the rules in use stay: ' + why);
      refused.id = 'refused';
      if (problems) {
        problems(o.problems || []);
      }
      if (o.report) {
        renderReport(reportBody, o.report);
        showOverride(override, o.report.failing > 0);
      }
      return false;
    }
    message(result, 'problem', problemText(answer));
    return false;
  }

  // ----- the editor -----
  const root = document.getElementById('workbench');
  if (root) {
    const path = root.dataset.path;
    const editable = root.dataset.editable === 'true';
    const lintState = document.getElementById('lint-state');
    const problemsPanel = document.getElementById('problems');
    const problemList = document.getElementById('problem-list');
    const reportPanel = document.getElementById('report');
    const reportBody = document.getElementById('report-body');
    const override = document.getElementById('override');
    const publishResult = document.getElementById('publish-result');

    // Problems of other files (a duplicate rule name, a refused draft) are listed under the editor.
    function listProblems(problems) {
      clear(problemList);
      problems.forEach(function (p) {
        const li = element('li', p.file === path ? 'here' : 'elsewhere');
        const where = p.file + ':' + p.line + ':' + p.column;
        if (p.file === path) {
          const jump = element('button', 'linkish', where);
          jump.type = 'button';
          jump.addEventListener('click', function () { goTo(p.line, p.column); });
          li.appendChild(jump);
        } else {
          li.appendChild(link('/rules/edit?path=' + encodeURIComponent(p.file) + '&line=' + p.line, where));
        }
        li.appendChild(document.createTextNode(' ' + p.message));
        problemList.appendChild(li);
      });
      problemsPanel.hidden = problems.length === 0;
    }

    function annotations(problems) {
      const last = editor.lineCount() - 1;
      return problems.filter(function (p) { return p.file === path; }).map(function (p) {
        const line = Math.min(Math.max((p.line || 1) - 1, 0), last);
        const ch = Math.max((p.column || 1) - 1, 0);
        const length = editor.getLine(line).length;
        const from = CodeMirror.Pos(line, Math.min(ch, length));
        const to = CodeMirror.Pos(line, Math.min(ch, length) < length ? Math.min(ch, length) + 1 : length);
        return { from: from, to: to, message: p.message, severity: 'error' };
      });
    }

    // The lint source: the open file checked with the rest of the rule base in use.
    function lintSource(text, updateLinting) {
      lintState.textContent = 'checking…';
      const files = {};
      files[path] = text;
      postJson('/api/v1/rules/validate', { files: files }).then(function (answer) {
        if (answer.status !== 200) {
          lintState.textContent = problemText(answer);
          updateLinting([]);
          return;
        }
        const problems = answer.body.problems || [];
        lintState.textContent = problems.length === 0 ? 'no problems'
          : problems.length + (problems.length === 1 ? ' problem' : ' problems');
        lintState.classList.toggle('has-problems', problems.length > 0);
        listProblems(problems);
        updateLinting(annotations(problems));
      }).catch(function () {
        lintState.textContent = 'could not check (offline?)';
        updateLinting([]);
      });
    }

    const textarea = document.getElementById('source');
    const editor = CodeMirror.fromTextArea(textarea, {
      mode: 'text/x-drl',
      lineNumbers: true,
      matchBrackets: true,
      indentUnit: 4,
      readOnly: !editable,
      gutters: editable ? ['CodeMirror-lint-markers'] : [],
      lint: editable ? { getAnnotations: lintSource, async: true, delay: 700, lintOnChange: true } : false,
      extraKeys: { 'Alt-G': jumpToLine }
    });
    window.ruleEditor = editor;

    function goTo(line, column) {
      const l = Math.min(Math.max(line - 1, 0), editor.lineCount() - 1);
      editor.setCursor(CodeMirror.Pos(l, Math.max((column || 1) - 1, 0)));
      // the line a third of the way down, with the lines before it in view
      const top = editor.charCoords({ line: l, ch: 0 }, 'local').top;
      editor.scrollTo(null, Math.max(0, top - editor.getScrollInfo().clientHeight / 3));
      editor.focus();
    }

    // Jump to a line: a dialog built here (the add-on's own template carries inline styles).
    function jumpToLine(cm) {
      const label = element('label', 'CodeMirror-search-label', 'Jump to line: ');
      const input = element('input', 'CodeMirror-search-field');
      input.type = 'text';
      label.appendChild(input);
      cm.openDialog(label, function (value) {
        const n = parseInt(value, 10);
        if (!isNaN(n)) {
          goTo(n, 1);
        }
      });
    }

    const line = parseInt(root.dataset.line, 10);
    if (line > 0) {
      goTo(line, 1);
      editor.addLineClass(Math.min(line - 1, editor.lineCount() - 1), 'background', 'jumped-to');
    }

    if (editable) {
      function draft() {
        const files = {};
        files[path] = editor.getValue();
        return files;
      }

      document.getElementById('validate-button').addEventListener('click', function () {
        editor.performLint();
      });

      document.getElementById('test-button').addEventListener('click', function () {
        reportPanel.hidden = false;
        message(reportBody, 'muted', 'Replaying the confirmed incidents…');
        postJson('/api/v1/rules/test', { files: draft() }).then(function (answer) {
          const o = answer.body || {};
          if (answer.status !== 200) {
            message(reportBody, 'problem', problemText(answer));
          } else if (o.report) {
            renderReport(reportBody, o.report);
            reportPanel.scrollIntoView({ block: 'start' });
          } else {
            message(reportBody, 'problem', (o.refusal || 'The draft was refused') + ': see the problems above.');
            listProblems(o.problems || []);
          }
        });
      });

      document.getElementById('try-button').addEventListener('click', function () {
        const id = parseInt(document.getElementById('try-incident').value, 10);
        const section = document.getElementById('try-result');
        const live = document.getElementById('try-live');
        const drafted = document.getElementById('try-draft');
        if (isNaN(id)) {
          return;
        }
        postJson('/api/v1/rules/try', { files: draft(), incidentId: id }).then(function (answer) {
          section.hidden = false;
          clear(live);
          clear(drafted);
          const a = document.getElementById('try-incident-link');
          a.href = '/incidents/' + id;
          a.textContent = '#' + id;
          if (answer.status !== 200) {
            drafted.appendChild(element('li', 'problem', problemText(answer)));
            return;
          }
          const o = answer.body;
          document.getElementById('try-live-version').textContent = o.liveVersion || '';
          document.getElementById('try-draft-version').textContent = o.draftVersion || '';
          const liveRanks = {};
          o.live.forEach(function (c) {
            liveRanks[c.causeCode] = c.rank;
            live.appendChild(element('li', null, c.title + ' (' + c.causeCode + ') ' + Math.round(c.confidence * 100) + ' %'));
          });
          if (o.problems && o.problems.length) {
            drafted.appendChild(element('li', 'problem', 'The draft does not compile: see the problems above.'));
            listProblems(o.problems);
          }
          o.draft.forEach(function (c) {
            const before = liveRanks[c.causeCode];
            const moved = before === undefined ? 'new' : before > c.rank ? 'up' : before < c.rank ? 'down' : '';
            const li = element('li', moved, c.title + ' (' + c.causeCode + ') ' + Math.round(c.confidence * 100) + ' %');
            if (moved) {
              li.appendChild(element('span', 'moved', moved === 'new' ? ' new' : moved === 'up' ? ' ↑' : ' ↓'));
            }
            drafted.appendChild(li);
          });
        });
      });

      function publish(body) {
        reportPanel.hidden = false;
        message(publishResult, 'muted', 'Checking, replaying the confirmed incidents and publishing…');
        const reason = reasonOf(override);
        if (reason) {
          body.overrideReason = reason;
        }
        const note = document.getElementById('publish-note').value.trim();
        if (note) {
          body.note = note;
        }
        return postJson('/api/v1/rules/publish', body).then(function (answer) {
          const ok = showOutcome(answer, publishResult, reportBody, override, listProblems);
          if (ok) {
            editor.markClean();
          }
          // the outcome, and when refused the reason field, in view
          (ok || override.hidden ? publishResult : override).scrollIntoView({ block: 'center' });
          return ok;
        });
      }

      document.getElementById('publish-button').addEventListener('click', function () {
        publish({ files: draft() });
      });

      const remove = document.getElementById('delete-button');
      if (remove) {
        remove.addEventListener('click', function () {
          if (window.confirm('Delete ' + path + ' from the rule base? It goes through the same checks and report.')) {
            publish({ delete: [path] });
          }
        });
      }
    }
  }

  // ----- roll back to an earlier publication -----
  const rollback = document.getElementById('rollback');
  if (rollback) {
    const override = document.getElementById('override');
    const result = document.getElementById('rollback-result');
    const reportBody = document.getElementById('report-body');
    document.getElementById('rollback-button').addEventListener('click', function () {
      if (!window.confirm('Publish the files of publication ' + rollback.dataset.publication
          + ' again? They go through the regression suite and then replace the rules in use.')) {
        return;
      }
      const body = {};
      const reason = reasonOf(override);
      if (reason) {
        body.overrideReason = reason;
      }
      message(result, 'muted', 'Checking, replaying the confirmed incidents and publishing…');
      postJson('/api/v1/rules/versions/' + rollback.dataset.publication + '/rollback', body).then(function (answer) {
        const ok = showOutcome(answer, result, reportBody, override, function (problems) {
          if (problems.length) {
            const list = element('ul', 'problems');
            problems.forEach(function (p) {
              list.appendChild(element('li', null, p.file + ':' + p.line + ':' + p.column + ' ' + p.message));
            });
            result.appendChild(list);
          }
        });
        // rolled back: this version is the one in use now
        document.getElementById('rollback-button').hidden = ok;
        result.scrollIntoView({ block: 'center' });
      });
    });
  }
})();
