package mip

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"ploeg/domain"
	"ploeg/scheduler"
)

// Options tune Solve.
type Options struct {
	// TimeLimit stops CBC after this much wall-clock time and returns the best plan found so far;
	// zero means no limit. CBC checks the clock between steps, so it may overrun a little.
	TimeLimit time.Duration
	// Threads is the number of CBC threads (default 1).
	Threads int
	// CBCPath is the CBC binary (default "cbc", looked up on PATH).
	CBCPath string
	// Dir, if set, is where CBC's files are written and kept (model.lp, start.sol, solution.txt,
	// cbc.log); by default they go to a temporary directory that is removed afterwards.
	Dir string
	// NoStart runs CBC without the greedy start plan and with its preprocessing on (which CBC
	// 2.10 cannot combine with a start): a stronger bound on instances it can solve, but on large
	// ones it may find no plan at all, and then the start is returned as the best known.
	NoStart bool
}

// Result is what Solve found.
type Result struct {
	// Plan is the best plan found: assignments and supervision, scored by scheduler.Check. If CBC
	// stopped before it found one, it is the greedy first plan Solve gave CBC. Unfilled and Idle
	// are left empty: explaining them is the planner's job.
	Plan domain.Plan
	// Objective is CBC's objective value of Plan; it equals Plan.Score.Total (to 0.001).
	Objective float64
	// BestBound is the lower bound CBC proved on every plan's score: Objective when Optimal, −Inf
	// when CBC reported none.
	BestBound float64
	// Optimal is true when CBC proved Plan optimal.
	Optimal bool
	// Status is one of the Status constants.
	Status string
	// Elapsed is the time Solve took, building the model included.
	Elapsed time.Duration
	// Model is the model that was solved, for its size.
	Model *Model
}

// The values of Result.Status.
const (
	StatusOptimal     = "optimal"     // proven optimal
	StatusTimeLimit   = "time limit"  // stopped on the time limit with a plan
	StatusInterrupted = "interrupted" // stopped because the context was done, with a plan
	StatusInfeasible  = "infeasible"  // no plan keeps every hard rule (the pins cannot all be kept)
	StatusNoSolution  = "no solution" // stopped before any plan was found
)

// Errors Solve wraps.
var (
	ErrNoCBC      = errors.New("mip: the CBC solver is not installed; install it with `apt-get install coinor-cbc`")
	ErrInfeasible = errors.New("mip: no plan keeps every hard rule; the pins cannot all be kept (together they exceed what the werkleiders who can lead them can carry)")
	ErrNoSolution = errors.New("mip: CBC stopped before it found a plan")
)

// Solve plans ds for the shifts dated from..to exactly: it writes the model (see Write) and a
// greedy first plan to a temporary directory (or opts.Dir), runs CBC on them, reads CBC's solution
// back as a plan and scores it with scheduler.Check. CBC is run as
//
//	cbc model.lp timeMode elapsed threads T [mipstart start.sol preprocess off] [sec N] solve solu solution.txt
//
// When ctx is done CBC is interrupted; Solve then returns the best plan found so far (Status
// StatusInterrupted) together with an error wrapping ctx.Err(). A plan that breaks a hard rule, or
// whose score differs from CBC's objective, is a bug in the model and an error.
func Solve(ctx context.Context, ds *domain.Dataset, from, to domain.Date, opts Options) (Result, error) {
	begin := time.Now()
	res, err := solve(ctx, ds, from, to, opts)
	res.Elapsed = time.Since(begin)
	return res, err
}

func solve(ctx context.Context, ds *domain.Dataset, from, to domain.Date, opts Options) (Result, error) {
	res := Result{BestBound: math.Inf(-1)}
	bin, err := exec.LookPath(cmp.Or(opts.CBCPath, "cbc"))
	if err != nil {
		return res, fmt.Errorf("%w (%v)", ErrNoCBC, err)
	}
	dir := opts.Dir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "ploeg-mip-"); err != nil {
			return res, fmt.Errorf("mip: %w", err)
		}
		defer os.RemoveAll(dir)
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return res, fmt.Errorf("mip: %w", err)
	}
	var m *Model
	err = writeFile(filepath.Join(dir, "model.lp"), func(w io.Writer) (err error) {
		m, err = Write(w, ds, from, to)
		return err
	})
	if err != nil {
		return res, err
	}
	res.Model = m
	if m.start != nil {
		if err := writeFile(filepath.Join(dir, "start.sol"), m.writeStart); err != nil {
			return res, err
		}
	}

	out, err := runCBC(ctx, bin, dir, m.start != nil && !opts.NoStart, opts)
	if m.start != nil && ctx.Err() == nil && (crashed(err) || (err == nil && out.status == StatusInfeasible)) {
		// CBC 2.10 now and then crashes, or calls the model infeasible although the start is a
		// plan: given the start, try once more without it; without it, the start plan below is
		// still the best plan known.
		if opts.NoStart {
			out, err = cbcOutcome{status: StatusNoSolution, bound: math.Inf(-1)}, nil
		} else {
			out, err = runCBC(ctx, bin, dir, false, opts)
		}
	}
	interrupted := ctx.Err()
	if err != nil && interrupted != nil && m.start != nil {
		// Interrupted before CBC could write a solution: fall back on the start below.
		out, err = cbcOutcome{status: StatusNoSolution, bound: math.Inf(-1)}, nil
	}
	if err != nil {
		return res, err
	}
	if out.status == StatusNoSolution && m.start != nil {
		// CBC found nothing before it stopped: the greedy start is the best plan known.
		out.values, out.objective = m.start, m.startCost()
		out.status = StatusTimeLimit
	}
	res.Status, res.BestBound = out.status, out.bound
	switch {
	case out.status == StatusInfeasible:
		return res, ErrInfeasible
	case out.status == StatusNoSolution && interrupted != nil:
		return res, fmt.Errorf("%w: interrupted: %w", ErrNoSolution, interrupted)
	case out.status == StatusNoSolution:
		return res, ErrNoSolution
	case interrupted != nil && out.status != StatusOptimal:
		res.Status = StatusInterrupted
	}

	res.Plan = m.plan(out.values)
	res.Objective = out.objective
	res.Optimal = out.status == StatusOptimal
	if res.Optimal || res.BestBound > res.Objective {
		res.BestBound = res.Objective
	}
	rep, err := scheduler.Check(ds, &res.Plan)
	if err != nil {
		return res, fmt.Errorf("mip: checking the plan: %w", err)
	}
	res.Plan.Score = rep.Score
	if !rep.Valid() {
		return res, fmt.Errorf("mip: bug: CBC's plan breaks %d hard rule(s), first %s", len(rep.Violations), rep.Violations[0])
	}
	if math.Abs(rep.Score.Total-res.Objective) > 1e-3 {
		return res, fmt.Errorf("mip: bug: CBC's objective %g differs from the plan's score %g", res.Objective, rep.Score.Total)
	}
	if interrupted != nil && !res.Optimal {
		return res, fmt.Errorf("mip: interrupted: %w", interrupted)
	}
	return res, nil
}

// crashed reports whether err is CBC dying of a signal.
func crashed(err error) bool {
	var exit *exec.ExitError
	return errors.As(err, &exit) && !exit.Exited()
}

// writeFile creates path and lets write fill it.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("mip: %w", err)
	}
	err = write(f)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("mip: %w", cerr)
	}
	return err
}

// cbcOutcome is what one CBC run reported.
type cbcOutcome struct {
	status    string             // a Status constant
	objective float64            // of the solution, if any
	bound     float64            // best proven lower bound, −Inf if unknown
	values    map[string]float64 // column name → value; columns left out are 0
}

// runCBC runs CBC on dir/model.lp, starting from dir/start.sol if withStart. When ctx is done it
// sends CBC an interrupt, on which CBC stops and still writes its best solution; if it does not
// stop within 5 seconds (it does not look while it solves an LP) it is killed.
func runCBC(ctx context.Context, bin, dir string, withStart bool, opts Options) (cbcOutcome, error) {
	args := []string{"model.lp", "timeMode", "elapsed", "threads", strconv.Itoa(max(1, opts.Threads))}
	if withStart {
		// CBC 2.10 with preprocessing crashes on some MIP starts ("Illegal index in
		// ClpModel::getColumnName", or a segmentation fault); without it, it uses them well.
		args = append(args, "mipstart", "start.sol", "preprocess", "off")
	}
	if opts.TimeLimit > 0 {
		args = append(args, "sec", num(opts.TimeLimit.Seconds()))
	}
	args = append(args, "solve", "solu", "solution.txt")
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	os.Remove(filepath.Join(dir, "solution.txt")) // not an old one from opts.Dir
	runErr := cmd.Run()
	if err := os.WriteFile(filepath.Join(dir, "cbc.log"), log.Bytes(), 0o644); err != nil {
		return cbcOutcome{}, fmt.Errorf("mip: %w", err)
	}
	sol, err := os.ReadFile(filepath.Join(dir, "solution.txt"))
	if err != nil {
		if runErr == nil {
			runErr = err
		}
		return cbcOutcome{}, fmt.Errorf("mip: CBC wrote no solution (%w); its log ends:\n%s", runErr, tail(log.String(), 20))
	}
	out, err := parseCBC(string(sol), log.String())
	if err != nil {
		return out, fmt.Errorf("%w; CBC's log ends:\n%s", err, tail(log.String(), 20))
	}
	return out, nil
}

var (
	bestPossible = regexp.MustCompile(`best possible ([-+0-9.eE]+)`)
	lowerBound   = regexp.MustCompile(`Lower bound:\s+([-+0-9.eE]+)`)
	continuous   = regexp.MustCompile(`Continuous objective value is ([-+0-9.eE]+)`)
)

// parseCBC reads CBC's solution file (first line "<status> - objective value <v>", then one line
// per nonzero column: index, name, value, reduced cost, with "**" in front of infeasible ones)
// and takes the best bound from its log: the last "best possible", else "Lower bound:", else the
// root relaxation's "Continuous objective value".
func parseCBC(sol, log string) (cbcOutcome, error) {
	out := cbcOutcome{bound: math.Inf(-1), values: map[string]float64{}}
	first, rest, _ := strings.Cut(sol, "\n")
	head, value, ok := strings.Cut(first, " - objective value ")
	if !ok {
		return out, fmt.Errorf("mip: cannot read CBC's solution, which starts %q", first)
	}
	obj, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
	if err != nil {
		return out, fmt.Errorf("mip: cannot read CBC's objective value %q", value)
	}
	out.objective = obj
	noPlan := strings.Contains(log, "No feasible solution found") || strings.Contains(head, "no integer solution")
	switch {
	case strings.HasPrefix(head, "Optimal"):
		out.status = StatusOptimal
	case strings.Contains(strings.ToLower(head), "infeasible"):
		out.status = StatusInfeasible
	case noPlan:
		out.status = StatusNoSolution
	case strings.HasPrefix(head, "Stopped on time"):
		out.status = StatusTimeLimit
	case strings.HasPrefix(head, "Stopped"):
		out.status = StatusInterrupted
	default:
		return out, fmt.Errorf("mip: unexpected CBC status %q", head)
	}
	for _, re := range []*regexp.Regexp{bestPossible, lowerBound, continuous} {
		if all := re.FindAllStringSubmatch(log, -1); all != nil {
			if v, err := strconv.ParseFloat(all[len(all)-1][1], 64); err == nil && math.Abs(v) < 1e49 {
				out.bound = v
				break
			}
		}
	}
	for line := range strings.Lines(rest) {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "**"))
		if len(f) < 3 {
			continue
		}
		v, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return out, fmt.Errorf("mip: cannot read CBC's solution line %q", strings.TrimSpace(line))
		}
		out.values[f[1]] = v
	}
	return out, nil
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// LPResult is what CBC reported on an LP file of another model than Ploeg's (RunLP).
type LPResult struct {
	Status    string             // a Status constant
	Objective float64            // of the solution, if any
	Bound     float64            // best proven lower bound, −Inf if unknown
	Values    map[string]float64 // column name → value; columns left out are 0
}

// RunLP runs CBC on the LP model in dir/model.lp (CPLEX LP format) with opts' time limit and
// threads, and reads its solution back. It lets other models, such as the shift scheduling
// benchmark's (scheduler/curtois), use the same CBC runner as Ploeg's own model.
func RunLP(ctx context.Context, dir string, opts Options) (LPResult, error) {
	bin, err := exec.LookPath(cmp.Or(opts.CBCPath, "cbc"))
	if err != nil {
		return LPResult{}, ErrNoCBC
	}
	out, err := runCBC(ctx, bin, dir, false, opts)
	return LPResult{Status: out.status, Objective: out.objective, Bound: out.bound, Values: out.values}, err
}
