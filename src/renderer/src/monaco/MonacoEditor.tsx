import { Alert, Loader, Text, Textarea, useComputedColorScheme } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { editor as MonacoEditorNs } from 'monaco-editor/esm/vs/editor/editor.api.js'
import { loadMonaco } from './load-monaco'
import type { Monaco } from './monaco-setup'
import { defineThemes, themeFor } from './monaco-themes'
import './monaco-editor.css'

export type MonacoLanguage = 'json' | 'plaintext'

/** A problem of our own to mark in the text (the language service marks JSON itself). */
export interface EditorMarker {
  offset: number
  length: number
  message: string
}

const NO_MARKERS: EditorMarker[] = []
const MARKER_OWNER = 'brokerlens'

export interface MonacoEditorProps {
  value: string
  onChange(value: string): void
  language: MonacoLanguage
  ariaLabel: string
  /** Starting height in px; the user can drag the bottom edge to change it. */
  height?: number
  placeholder?: string
  markers?: EditorMarker[]
  /** Ctrl+Enter (Cmd+Enter on a Mac) inside the editor: the form's main action. */
  onSubmit?(): void
  'data-testid'?: string
}

/**
 * A thin React wrapper around one Monaco editor: created on mount (Monaco is loaded lazily the first
 * time), disposed on unmount, light or dark with the app. The value is controlled: a change made
 * outside (Format, a mode switch, "Load into editor") is applied as an undoable edit, so Ctrl+Z
 * still works; the editor's own edits go out through `onChange`.
 *
 * Tab moves the focus on, as in any other field of the form (Ctrl+M switches Tab to indenting,
 * Monaco's standard toggle). `data-markers` counts the language service's error markers.
 */
export function MonacoEditor({
  value,
  onChange,
  language,
  ariaLabel,
  height = 240,
  placeholder,
  markers = NO_MARKERS,
  onSubmit,
  'data-testid': testId,
}: MonacoEditorProps) {
  const host = useRef<HTMLDivElement>(null)
  const [loaded, setLoaded] = useState<{
    monaco: Monaco
    editor: MonacoEditorNs.IStandaloneCodeEditor
  } | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [markerCount, setMarkerCount] = useState(0)
  const scheme = useComputedColorScheme('light')
  // the latest props, for the editor's listeners (set up once)
  const latest = useRef({ value, onChange, onSubmit, language, scheme, ariaLabel, placeholder })
  useLayoutEffect(() => {
    latest.current = { value, onChange, onSubmit, language, scheme, ariaLabel, placeholder }
  })
  /** True while we apply a value from outside: that edit is not the user's, so no onChange. */
  const applying = useRef(false)

  useEffect(() => {
    let disposed = false
    let cleanup: (() => void) | null = null
    loadMonaco().then(
      (monaco) => {
        const el = host.current
        if (disposed || !el) return
        defineThemes(monaco)
        const p = latest.current
        const model = monaco.editor.createModel(p.value, p.language)
        const editor = monaco.editor.create(el, {
          model,
          theme: themeFor(p.scheme),
          ariaLabel: p.ariaLabel,
          placeholder: p.placeholder,
          automaticLayout: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          wordWrap: 'on',
          fontSize: 13,
          lineNumbersMinChars: 3,
          glyphMargin: false,
          folding: true,
          stickyScroll: { enabled: false },
          renderLineHighlight: 'line',
          tabSize: 2,
          // Typed text is sent as typed: nothing is closed, completed or reformatted behind the user.
          autoClosingBrackets: 'never',
          autoClosingQuotes: 'never',
          autoClosingComments: 'never',
          autoSurround: 'never',
          formatOnType: false,
          formatOnPaste: false,
          quickSuggestions: false,
          suggestOnTriggerCharacters: false,
          wordBasedSuggestions: 'off',
          tabFocusMode: true,
          fixedOverflowWidgets: true,
          // the form around it scrolls: the wheel goes on to the page at the editor's ends
          scrollbar: { alwaysConsumeMouseWheel: false },
          padding: { top: 6, bottom: 6 },
        })
        editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => latest.current.onSubmit?.())
        const subs = [
          model.onDidChangeContent(() => {
            if (!applying.current) latest.current.onChange(model.getValue())
          }),
          monaco.editor.onDidChangeMarkers((uris) => {
            if (!uris.some((u) => u.toString() === model.uri.toString())) return
            const n = monaco.editor
              .getModelMarkers({ resource: model.uri })
              .filter((m) => m.severity === monaco.MarkerSeverity.Error).length
            setMarkerCount(n)
          }),
        ]
        cleanup = () => {
          for (const s of subs) s.dispose()
          editor.dispose()
          model.dispose()
        }
        setLoaded({ monaco, editor })
      },
      (err: unknown) => {
        if (!disposed) setLoadError(err instanceof Error ? err.message : String(err))
      },
    )
    return () => {
      disposed = true
      cleanup?.()
      setLoaded(null)
    }
  }, [])

  // a value from outside: applied as one undoable edit
  useEffect(() => {
    const model = loaded?.editor.getModel()
    if (!model || model.getValue() === value) return
    applying.current = true
    try {
      loaded?.editor.pushUndoStop()
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null)
      loaded?.editor.pushUndoStop()
    } finally {
      applying.current = false
    }
  }, [loaded, value])

  useEffect(() => {
    const model = loaded?.editor.getModel()
    if (loaded && model && model.getLanguageId() !== language) {
      // the JSON service clears its markers when the model leaves JSON; the count follows by event
      loaded.monaco.editor.setModelLanguage(model, language)
    }
  }, [loaded, language])

  useEffect(() => {
    const model = loaded?.editor.getModel()
    if (!loaded || !model) return
    loaded.monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      markers.map((m) => {
        const start = model.getPositionAt(m.offset)
        const end = model.getPositionAt(m.offset + Math.max(1, m.length))
        return {
          severity: loaded.monaco.MarkerSeverity.Error,
          message: m.message,
          startLineNumber: start.lineNumber,
          startColumn: start.column,
          endLineNumber: end.lineNumber,
          endColumn: end.column,
        }
      }),
    )
  }, [loaded, markers, value])

  useEffect(() => {
    loaded?.monaco.editor.setTheme(themeFor(scheme))
  }, [loaded, scheme])

  useEffect(() => {
    loaded?.editor.updateOptions({ ariaLabel, placeholder })
  }, [loaded, ariaLabel, placeholder])

  if (loadError) {
    // Without Monaco the payload can still be typed: a plain text area, and the reason.
    return (
      <div data-testid={testId} data-ready="fallback">
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={16} />} mb={6} p="xs">
          <Text size="xs">The code editor could not load ({loadError}); a plain text box stands in.</Text>
        </Alert>
        <Textarea
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          autosize
          minRows={6}
          maxRows={20}
          aria-label={ariaLabel}
          classNames={{ input: 'mono' }}
        />
      </div>
    )
  }

  return (
    <div
      className="monaco-host"
      style={{ height }}
      data-testid={testId}
      data-ready={loaded ? 'true' : 'false'}
      data-language={language}
      data-markers={markerCount}
    >
      <div ref={host} className="monaco-host-inner" />
      {!loaded && (
        <div className="monaco-host-loading">
          <Loader size="sm" />
        </div>
      )}
    </div>
  )
}
