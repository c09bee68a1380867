package wizard

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/steps"
)

// goTo is the `g` then a number jump. One digit that cannot start a
// two-digit step (2-9) jumps at once; "1" waits for a second digit or enter,
// since it may be step 1 or steps 10-18.
type goTo struct {
	active bool
	digits string
}

// goToResult is what a key did to a pending jump.
type goToResult struct {
	step   int    // the step to jump to, or 0
	refuse string // why the number was refused, or ""
}

func (g goTo) update(msg tea.KeyMsg) (goTo, goToResult) {
	switch {
	case msg.Type == tea.KeyEsc:
		return goTo{}, goToResult{}
	case msg.Type == tea.KeyEnter:
		if g.digits == "" {
			return goTo{}, goToResult{}
		}
		return goTo{}, checkStep(g.digits)
	case msg.Type == tea.KeyBackspace && g.digits != "":
		g.digits = g.digits[:len(g.digits)-1]
		return g, goToResult{}
	case msg.Type == tea.KeyRunes && !msg.Paste && len(msg.Runes) == 1 && msg.Runes[0] >= '0' && msg.Runes[0] <= '9':
		g.digits += string(msg.Runes)
		if len(g.digits) == 2 || g.digits[0] != '1' {
			return goTo{}, checkStep(g.digits)
		}
		return g, goToResult{}
	}
	return goTo{}, goToResult{refuse: "Go to step cancelled: type g, then a step number from 1 to 18."}
}

func checkStep(digits string) goToResult {
	n := 0
	for _, d := range digits {
		n = n*10 + int(d-'0')
	}
	if _, ok := steps.ByNumber(n); !ok {
		return goToResult{refuse: fmt.Sprintf("There is no step %s: the guide's steps go from 1 to %d.", digits, steps.Total)}
	}
	return goToResult{step: n}
}

func (g goTo) view() string {
	return "Go to step: " + g.digits + "_   (a number 1-" + fmt.Sprint(steps.Total) + ", enter to confirm, esc to cancel)"
}
