//! `tolk serve`: `tolk watch`, with the site served on the local machine
//! and open pages reloaded when a build lands.

use super::build::BuildArgs;
use super::Global;
use crate::serve::Server;
use crate::Exit;
use clap::Args;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// Arguments of `tolk serve`: those of `tolk build`, and where to listen.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// How to build.
    #[command(flatten)]
    pub build: BuildArgs,
    /// Port to listen on (0: any free port).
    #[arg(long, short, default_value_t = 3000)]
    pub port: u16,
    /// Address to listen on; the default serves this machine only.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST), value_name = "IP")]
    pub bind: IpAddr,
}

/// Runs `tolk serve` until it is interrupted.
#[allow(clippy::print_stderr)]
pub fn execute(global: &Global, args: &ServeArgs) -> Exit {
    let out = super::watch::configured_out(global, &args.build);
    let server = match super::or_exit(Server::bind(SocketAddr::new(args.bind, args.port), &out)) {
        Ok(server) => server,
        Err(exit) => return exit,
    };
    let address = match super::or_exit(server.address()) {
        Ok(address) => address,
        Err(exit) => return exit,
    };
    let reload = server.reload();
    server.spawn();
    let mut first = true;
    super::watch::watch(global, &args.build, |round| {
        if round.changed {
            reload.bump();
        }
        if first {
            // Said even with --quiet: the address is what the command is for.
            eprintln!("serving the site at http://{address}/");
            first = false;
        }
    })
}
