package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof" // served only at PLOEG_PPROF_ADDR
	"time"

	"ploeg/api"
	"ploeg/auth"
	"ploeg/demo"
	"ploeg/domain"
	"ploeg/web"
)

func (a *App) serve(ctx context.Context, args []string) error {
	fs := a.flags("serve", "[opties]", "Start Ploeg als webserver. Stop met Ctrl+C: lopende verzoeken worden netjes afgemaakt.")
	sf := a.addStoreFlags(fs)
	addr := fs.String("addr", envOr(a.Getenv, "PLOEG_ADDR", ":8080"), "`ADRES` om op te luisteren, bv. :8080 of 127.0.0.1:9000 (PLOEG_ADDR)")
	withDemo := fs.Bool("demo", false, "laad de demoregio als de opslag nog leeg is")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("onverwacht argument %q", pos[0])
	}
	log := a.logger()
	store, where, err := sf.open(ctx, a.Now)
	if err != nil {
		return err
	}
	defer store.Close()
	if *withDemo {
		if err := a.loadDemo(ctx, store); err != nil {
			return err
		}
		actx := domain.WithActor(ctx, domain.Actor{Name: "demo", Reason: "serve --demo: een token om de API te proberen"})
		tok, err := (auth.Service{Store: store, Now: a.Now}).CreateToken(actx, "demo-admin", domain.Grant{Role: domain.RoleAdmin})
		if err != nil {
			return fmt.Errorf("demotoken maken: %w", err)
		}
		fmt.Fprintf(a.Stdout, "Beheerderstoken voor de demo (alleen nu getoond; gebruik Authorization: Bearer …):\n%s\n", tok)
		if err := a.demoUsers(actx, store); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("kan niet luisteren op %s: %w; kies een ander adres met --addr", *addr, err)
	}
	apiSrv := api.NewWith(api.Config{Store: store, Log: log, Now: a.Now})
	apiSrv.Mount(web.New(web.Config{API: apiSrv, Store: store, Log: log, Now: a.Now}))
	srv := &http.Server{
		Handler:           apiSrv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	if pp := a.Getenv("PLOEG_PPROF_ADDR"); pp != "" {
		// Profiling for the measurements of docs/BENCHMARKS.md, on its own (loopback) address only.
		go func() { _ = http.ListenAndServe(pp, http.DefaultServeMux) }()
	}
	fmt.Fprintf(a.Stdout, "Ploeg draait op %s (opslag: %s). Stop met Ctrl+C.\n", browseURL(ln.Addr()), where)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("netjes stoppen lukte niet binnen 10 s: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(a.Stdout, "Ploeg is gestopt.")
	return nil
}

// loadDemo fills an empty store with the demo region; a store with data is left alone.
func (a *App) loadDemo(ctx context.Context, store domain.Store) error {
	emps, err := store.List(ctx, domain.KindEmployee, domain.ListOptions{Limit: 1})
	if err != nil {
		return err
	}
	if len(emps) > 0 {
		fmt.Fprintln(a.Stdout, "De opslag bevat al gegevens; de demoregio wordt niet opnieuw geladen.")
		return nil
	}
	ds := demo.Generate(demo.DefaultOptions(a.today()))
	ctx = domain.WithActor(ctx, domain.Actor{Name: "demo", Reason: "serve --demo in een lege opslag"})
	if err := domain.ImportDataset(ctx, store, ds); err != nil {
		return fmt.Errorf("demoregio laden: %w", err)
	}
	fmt.Fprintf(a.Stdout, "Demoregio geladen: %s.\n", ds.Counts().Dutch())
	return nil
}

// browseURL turns a listening address into a URL a person can open.
func browseURL(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return "http://" + addr.String() + "/"
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "localhost"
	}
	return fmt.Sprintf("http://%s/", net.JoinHostPort(host, fmt.Sprint(tcp.Port)))
}
