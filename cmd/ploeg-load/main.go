// Command ploeg-load offers concurrent assignment changes to one stored plan through the HTTP API
// and counts afterwards that none was lost. It is the load program of docs/BENCHMARKS.md:
//
//	ploeg-load --url http://127.0.0.1:8080 --token plg_… --plan 2026-11-30~2026-12-04 --rate 200 --clients 200 --duration 10s
//
// Each client owns one employee who has a shift on the plan's first day and no pin, and toggles
// them off that day and back on, each change with If-Match and a reason; a 412 is retried with the
// fresh ETag. By default a change is a PUT of the person's day (/plans/{id}/assignments/{employee}~{date})
// with that day's ETag; with --per-day=false it is a POST to /plans/{id}/assignments with the whole
// plan's ETag, as before. A change counts as made when the API answers 200. Afterwards the plan's
// change count and the audit log must each hold exactly the changes made (none lost, none twice)
// and every client's employee must be where its last change put them.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"ploeg/domain"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "ploeg-load:", err)
		os.Exit(1)
	}
}

type client struct {
	base, token, plan string
	http              *http.Client
}

func (c *client) do(method, path, etag string, body any) (*http.Response, []byte, error) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	if etag != "" {
		req.Header.Set("If-Match", etag)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

func (c *client) etag(path string) (string, error) {
	resp, _, err := c.do(http.MethodHead, path, "", nil)
	if err != nil {
		return "", err
	}
	return resp.Header.Get("ETag"), nil
}

func (c *client) readPlan() (domain.Plan, error) {
	var p domain.Plan
	resp, b, err := c.do(http.MethodGet, "/api/v1/plans/"+c.plan, "", nil)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("plan lezen: %d %s", resp.StatusCode, b)
	}
	if err == nil {
		err = json.Unmarshal(b, &p)
	}
	return p, err
}

func run() error {
	base := flag.String("url", "http://127.0.0.1:8080", "base URL of ploeg serve")
	token := flag.String("token", os.Getenv("PLOEG_TOKEN"), "admin or planner token (PLOEG_TOKEN)")
	plan := flag.String("plan", "", "id of the stored plan, e.g. 2026-11-30~2026-12-04")
	rate := flag.Float64("rate", 200, "changes offered per second")
	clients := flag.Int("clients", 200, "concurrent clients (one employee each)")
	duration := flag.Duration("duration", 10*time.Second, "how long to offer changes")
	giveUp := flag.Duration("give-up", 30*time.Second, "after the run, stop retrying a change that waited this long")
	shared := flag.Bool("shared", false, "another writer changes the plan during the run (a second ploeg-load): do not expect the plan's change count to grow by this run's changes alone")
	offset := flag.Int("offset", 0, "skip this many of the employees that could be chosen (for a second ploeg-load against another instance)")
	perDay := flag.Bool("per-day", true, "change each person's day with its own ETag (PUT …/assignments/{employee}~{date}); false: POST …/assignments with the plan's ETag")
	flag.Parse()
	c := &client{base: strings.TrimSuffix(*base, "/"), token: *token, plan: *plan,
		http: &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: *clients}}}
	p, err := c.readPlan()
	if err != nil {
		return err
	}
	startChanges := p.ChangeCount()
	emps, err := c.pickEmployees(p, *offset, *clients)
	if err != nil {
		return err
	}
	run := fmt.Sprintf("load-%d", time.Now().UnixNano())
	var made, stale, refused, failed, abandoned atomic.Int64
	var mu sync.Mutex
	var latencies []time.Duration
	onShift := make([]bool, len(emps)) // each client's view of its employee, after its last change
	for i := range onShift {
		onShift[i] = true
	}
	started := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), *duration)
	defer cancel()
	ticks := make(chan struct{}, *clients)
	var offered, dropped atomic.Int64
	go func() {
		t := time.NewTicker(time.Duration(float64(time.Second) / *rate))
		defer t.Stop()
		defer close(ticks)
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				// Offers follow the clock, not the ticks: a tick the busy machine delivered late
				// or dropped still brings its offer.
				due := int64(time.Since(started).Seconds() * *rate)
				for offered.Load() < due {
					offered.Add(1)
					select {
					case ticks <- struct{}{}:
					default: // a backlog of one per client already waits: the offer is dropped, and counted
						dropped.Add(1)
					}
				}
			}
		}
	}()
	var wg sync.WaitGroup
	for i, e := range emps {
		wg.Go(func() {
			dayPath := "/api/v1/plans/" + c.plan + "/assignments/" + e.Employee + "~" + e.date.String()
			tag := "" // the day's ETag, from its last answer (per day)
			for range ticks {
				body := map[string]any{"employee": e.Employee, "date": e.date.String(), "reason": run}
				if !onShift[i] {
					body = map[string]any{"employee": e.Employee, "shift": e.Shift, "reason": run}
				}
				method, path := http.MethodPost, "/api/v1/plans/"+c.plan+"/assignments"
				if *perDay {
					method, path = http.MethodPut, dayPath
					delete(body, "employee")
					delete(body, "date")
				}
				began := time.Now()
				for {
					var err error
					switch {
					case !*perDay:
						tag, err = c.etag("/api/v1/plans/" + c.plan)
					case tag == "":
						tag, err = c.etag(dayPath)
					}
					if err != nil {
						failed.Add(1)
						return
					}
					resp, b, err := c.do(method, path, tag, body)
					if err != nil {
						failed.Add(1)
						return
					}
					if resp.StatusCode == http.StatusPreconditionFailed {
						stale.Add(1)
						tag = resp.Header.Get("ETag")
						if ctx.Err() != nil && time.Since(began) > *giveUp {
							abandoned.Add(1) // nothing was changed by this attempt: safe to stop
							break
						}
						// Someone else changed the plan first: wait a little, as a client should, and retry.
						time.Sleep(time.Duration(rand.Int64N(int64(20 * time.Millisecond))))
						continue
					}
					if resp.StatusCode == http.StatusOK {
						made.Add(1)
						tag = resp.Header.Get("ETag")
						onShift[i] = !onShift[i]
						mu.Lock()
						latencies = append(latencies, time.Since(began))
						mu.Unlock()
					} else {
						refused.Add(1)
						fmt.Fprintf(os.Stderr, "refused %d: %s\n", resp.StatusCode, b)
					}
					break
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(started)
	p, err = c.readPlan()
	if err != nil {
		return err
	}
	// The plan counts every change made to it (it lists only the last few hundred); with no other
	// writer during the run, the count grows by exactly the changes made.
	recorded := p.ChangeCount() - startChanges
	wrong := 0
	for i, e := range emps {
		if slices.Contains(p.Assignments, e.Assignment) != onShift[i] {
			wrong++
		}
	}
	slices.Sort(latencies)
	pct := func(q float64) time.Duration {
		if len(latencies) == 0 {
			return 0
		}
		return latencies[min(len(latencies)-1, int(q*float64(len(latencies))))]
	}
	fmt.Printf("offered %.0f/s for %s with %d clients: %d offers, %d dropped while the backlog was full\n", *rate, elapsed, len(emps), offered.Load(), dropped.Load())
	fmt.Printf("changes made (200): %d = %.1f/s over %s; 412 answers retried: %d; abandoned after the run: %d; refused: %d; transport errors: %d\n",
		made.Load(), float64(made.Load())/elapsed.Seconds(), elapsed.Round(time.Millisecond), stale.Load(), abandoned.Load(), refused.Load(), failed.Load())
	fmt.Printf("latency of a change incl. retries: p50 %s, p99 %s\n", pct(0.5).Round(time.Millisecond), pct(0.99).Round(time.Millisecond))
	audited, broken, err := c.audited(run, emps)
	if err != nil {
		return err
	}
	fmt.Printf("the plan counts %d more changes, the audit log holds %d of this run; employees not where their last change put them: %d\n", recorded, audited, wrong)
	fmt.Printf("audit entries whose old is not the new of the employee's entry before (a change made on a state it did not see): %d\n", broken)
	if (!*shared && int64(recorded) != made.Load()) || int64(audited) != made.Load() || wrong > 0 || broken > 0 {
		return fmt.Errorf("LOST UPDATES: %d changes made, %d in the plan, %d in the audit log, %d employees wrong, %d audit entries out of chain", made.Load(), recorded, audited, wrong, broken)
	}
	fmt.Println("lost updates: 0")
	return nil
}

// audited reads the plan's assignment entries in the audit log with reason run: how many there are,
// and how many break their employee's chain. Each client's entries, oldest first, must start from
// the employee's shift before the run and each start where the one before ended (old = the previous
// new): a change made on a day it did not see, or one lost between two others, breaks the chain.
func (c *client) audited(run string, emps []owned) (int, int, error) {
	resp, b, err := c.do(http.MethodGet, "/api/v1/audit?kind=plans&action=assign&limit=100000&id="+url.QueryEscape(c.plan), "", nil)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("auditlog lezen: %d %s", resp.StatusCode, b)
	}
	if err != nil {
		return 0, 0, err
	}
	var page struct {
		Items []domain.AuditEntry `json:"items"`
	}
	if err := json.Unmarshal(b, &page); err != nil {
		return 0, 0, err
	}
	type day struct {
		Employee string `json:"employee"`
		Shift    string `json:"shift"`
	}
	last := map[string]string{} // employee → shift after their last entry so far
	for _, e := range emps {
		last[e.Employee] = e.Shift
	}
	n, broken := 0, 0
	for _, e := range page.Items { // oldest first
		if e.Reason != run {
			continue
		}
		n++
		var old, new day
		if json.Unmarshal(e.Old, &old) != nil || json.Unmarshal(e.New, &new) != nil || old.Shift != last[old.Employee] {
			broken++
		}
		last[new.Employee] = new.Shift
	}
	return n, broken, nil
}

type owned struct {
	domain.Assignment
	date domain.Date
}

// pickEmployees finds n employees with a shift on the plan's first day and no pin, after skipping
// the first skip of them.
func (c *client) pickEmployees(p domain.Plan, skip, n int) ([]owned, error) {
	resp, b, err := c.do(http.MethodGet, "/api/v1/dataset", "", nil)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("dataset lezen (admin-token nodig): %d", resp.StatusCode)
	}
	var ds domain.Dataset
	if err := json.Unmarshal(b, &ds); err != nil {
		return nil, err
	}
	date := map[string]domain.Date{}
	for _, s := range ds.Shifts {
		date[s.ID] = s.Date
	}
	pinned := map[string]bool{}
	for _, pn := range ds.Pinned {
		pinned[pn.Employee] = true
	}
	// Every shift keeps at least one person who is not changed, so it keeps its werkleider: taking
	// someone off and back then never needs another werkleider, which a hard rule (H9) could refuse.
	left := map[string]int{}
	for _, a := range p.Assignments {
		left[a.Shift]++
	}
	var out []owned
	for _, a := range p.Assignments {
		if date[a.Shift] == p.From && !pinned[a.Employee] && left[a.Shift] > 1 && len(out) < skip+n {
			out = append(out, owned{a, p.From})
			left[a.Shift]--
		}
	}
	out = out[min(skip, len(out)):]
	if len(out) < n {
		return nil, fmt.Errorf("only %d employees to change on %s; use fewer clients", len(out), p.From)
	}
	return out, nil
}
