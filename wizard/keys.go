package wizard

import "github.com/charmbracelet/bubbles/key"

// keyMap is every binding of the wizard. Each screen shows the subset that
// means something on it (see the screens' help methods).
type keyMap struct {
	Next, Back, GoTo, Help, Quit, ForceQuit key.Binding
	Open, Copy, NextLink, PrintLink         key.Binding
	ScrollUp, ScrollDown                    key.Binding
	Up, Down, Toggle, Left, Right, FillNine key.Binding
	Submit, DemoPaste, DemoPasteField       key.Binding
	Recheck, Another, DemoFix, Anyway       key.Binding
	Register, ByHand, Skip                  key.Binding
	Reveal, Replace, Retry                  key.Binding
	Verify, SaveSecret                      key.Binding
	StartOver                               key.Binding
	Keep, CopySecret                        key.Binding
}

func newKeyMap() keyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return keyMap{
		Next:           b([]string{"enter"}, "enter", "continue"),
		Back:           b([]string{"esc"}, "esc", "back"),
		GoTo:           b([]string{"g"}, "g 1-18", "go to step"),
		Help:           b([]string{"?"}, "?", "help"),
		Quit:           b([]string{"q"}, "q", "quit"),
		ForceQuit:      b([]string{"ctrl+c"}, "ctrl+c", "quit"),
		Open:           b([]string{"o"}, "o", "open link"),
		Copy:           b([]string{"c"}, "c", "copy link"),
		NextLink:       b([]string{"tab"}, "tab", "next link"),
		PrintLink:      b([]string{"w"}, "w", "print the whole link"),
		ScrollUp:       b([]string{"pgup"}, "pgup", "scroll up"),
		ScrollDown:     b([]string{"pgdown"}, "pgdn", "scroll down"),
		Up:             b([]string{"up", "k"}, "↑/k", "up"),
		Down:           b([]string{"down", "j"}, "↓/j", "down"),
		Toggle:         b([]string{" "}, "space", "None→Read→Write"),
		Left:           b([]string{"left", "h"}, "←", "less access"),
		Right:          b([]string{"right", "l"}, "→", "more access"),
		FillNine:       b([]string{"a"}, "a", "tick the guide's nine"),
		Submit:         b([]string{"enter"}, "enter/paste", "check"),
		DemoPaste:      b([]string{"p", "ctrl+p"}, "p", "paste the demo key for me"),
		DemoPasteField: b([]string{"ctrl+p"}, "ctrl+p", "paste the demo key for me"),
		Recheck:        b([]string{"r"}, "r", "re-check"),
		Another:        b([]string{"e"}, "e", "paste another key"),
		DemoFix:        b([]string{"f"}, "f", "fix in mock dashboard"),
		Anyway:         b([]string{"y"}, "y", "continue anyway"),
		Register:       b([]string{"a"}, "a", "register it for me"),
		ByHand:         b([]string{"b"}, "b", "do it by hand"),
		Skip:           b([]string{"c"}, "c", "skip the webhook"),
		Reveal:         b([]string{"1"}, "1", "use the existing endpoint"),
		Replace:        b([]string{"2"}, "2", "replace it"),
		Retry:          b([]string{"r"}, "r", "try again"),
		Verify:         b([]string{"v"}, "v", "verify the endpoint"),
		SaveSecret:     b([]string{"s"}, "s", "save the signing secret to a file"),
		StartOver:      b([]string{"n"}, "n", "start over"),
		Keep:           b([]string{"k"}, "k", "keep a copy"),
		CopySecret:     b([]string{"c"}, "c", "copy it for the CustomerHub"),
	}
}
