//! The fetch's state and its actions: settings, start, cancel, resume.
//!
//! It lives as long as the page, not as long as the fetch view: the user may
//! go to another step while a fetch runs, and come back to its progress. So
//! its signals belong to a root owner of their own, created on first use.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::client::CancelToken;
use super::config::{ConfigError, ConfigNote, load_config};
use super::model::{BatchProgress, FetchRun};
use super::remembered;
use super::saved::Saved;
use super::settings::{Checked, Field, Overrides, Problem, Settings, check};
use crate::i18n::I18n;
use crate::i18n::fetch_text::storage_error;
use crate::state::session::Session;

/// Where the defaults come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DefaultsSource {
    Loading,
    /// config.json, with notes on values it could not use.
    Config(Vec<ConfigNote>),
    /// No usable config.json: the built-in defaults.
    BuiltIn { invalid: bool },
}

/// Whether fetched pages can be kept in IndexedDB.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Storage {
    Opening,
    Ready,
    Unavailable,
}

#[derive(Clone, Copy)]
pub struct FetchController {
    pub(super) session: Session,
    pub(super) i18n: I18n,
    defaults: RwSignal<Settings>,
    overrides: RwSignal<Overrides>,
    pub defaults_source: RwSignal<DefaultsSource>,
    pub storage: RwSignal<Storage>,
    /// The last fetch started (kept across reloads).
    pub run: RwSignal<Option<FetchRun>>,
    /// One row per batch of `run`, in order.
    pub batches: RwSignal<Vec<BatchProgress>>,
    /// A fetch is running.
    pub running: RwSignal<bool>,
    /// The raw text of each kept page, per batch (those of a batch not
    /// touched since a reload are only in IndexedDB until needed).
    pub(super) pages: StoredValue<HashMap<String, Vec<String>>, LocalStorage>,
    pub(super) saved: StoredValue<Option<Saved>, LocalStorage>,
    pub(super) cancel: StoredValue<Option<Rc<CancelToken>>, LocalStorage>,
}

thread_local! {
    static CONTROLLER: RefCell<Option<(FetchController, Owner)>> = const { RefCell::new(None) };
}

impl FetchController {
    /// The page's one controller, created (and its defaults and saved fetch
    /// loaded) on first use.
    pub fn get_or_init(session: Session, i18n: I18n) -> FetchController {
        if let Some(controller) = CONTROLLER.with(|c| c.borrow().as_ref().map(|(controller, _)| *controller)) {
            return controller;
        }
        // `new_root` makes itself the current owner: put the caller's back,
        // or the rest of the calling component would lose its contexts.
        let caller = Owner::current();
        let owner = Owner::new_root(None);
        let controller = owner.with(|| FetchController::new(session, i18n));
        match caller {
            Some(caller) => caller.set(),
            None => owner.clone().unset(),
        }
        // The owner is kept for the page's lifetime: dropping it would
        // dispose the signals.
        CONTROLLER.with(|c| *c.borrow_mut() = Some((controller, owner)));
        controller.load_defaults();
        controller.load_saved();
        controller
    }

    fn new(session: Session, i18n: I18n) -> FetchController {
        FetchController {
            session,
            i18n,
            defaults: RwSignal::new(Settings::default()),
            overrides: RwSignal::new(remembered::load()),
            defaults_source: RwSignal::new(DefaultsSource::Loading),
            storage: RwSignal::new(Storage::Opening),
            run: RwSignal::new(None),
            batches: RwSignal::new(Vec::new()),
            running: RwSignal::new(false),
            pages: StoredValue::new_local(HashMap::new()),
            saved: StoredValue::new_local(None),
            cancel: StoredValue::new_local(None),
        }
    }

    fn load_defaults(&self) {
        let controller = *self;
        spawn_local(async move {
            match load_config().await {
                Ok((defaults, notes)) => {
                    controller.defaults.set(defaults);
                    controller.defaults_source.set(DefaultsSource::Config(notes));
                }
                Err(ConfigError::Unavailable(_)) => controller.defaults_source.set(DefaultsSource::BuiltIn { invalid: false }),
                Err(ConfigError::Invalid(_)) => controller.defaults_source.set(DefaultsSource::BuiltIn { invalid: true }),
            }
        });
    }

    fn load_saved(&self) {
        let controller = *self;
        spawn_local(async move {
            let saved = match Saved::open().await {
                Ok(saved) => saved,
                Err(_) => {
                    controller.storage.set(Storage::Unavailable);
                    return;
                }
            };
            controller.saved.set_value(Some(saved.clone()));
            controller.storage.set(Storage::Ready);
            match saved.load_run().await {
                // A fetch started in this page before the database answered wins.
                Ok(Some((run, batches))) if controller.run.with_untracked(Option::is_none) => {
                    controller.run.set(Some(run));
                    controller.batches.set(batches);
                }
                Ok(_) => {}
                Err(error) => controller.storage_failed(&error.to_string()),
            }
        });
    }

    // ---- settings ------------------------------------------------------------

    /// The settings in effect: the defaults with the user's edits on top.
    pub fn settings(&self) -> Settings {
        self.overrides.with(|o| self.defaults.with(|d| o.apply(d)))
    }

    pub fn edited(&self, field: Field) -> bool {
        self.overrides.with(|o| match field {
            Field::ProxyUrl => o.proxy_url.is_some(),
            Field::Token => o.token.is_some(),
            Field::PartnerCode => o.partner_code.is_some(),
            Field::Batches => o.batches.is_some(),
            Field::Pull => o.pull.is_some(),
            Field::CursorKey => o.cursor_key.is_some(),
            Field::MaxPages => o.max_pages.is_some(),
        })
    }

    pub fn edit(&self, field: Field, value: String) {
        self.overrides.update(|o| o.set(field, value));
        self.overrides.with_untracked(remembered::save);
    }

    /// Forgets the user's edits: config.json (or the built-in defaults) again.
    pub fn reset_settings(&self) {
        self.overrides.set(Overrides::default());
        remembered::save(&Overrides::default());
    }

    pub fn problems(&self) -> Vec<Problem> {
        check(&self.settings()).err().unwrap_or_default()
    }

    // ---- start, cancel, resume ---------------------------------------------

    pub fn can_start(&self) -> bool {
        !self.running.get() && check(&self.settings()).is_ok()
    }

    pub fn can_resume(&self) -> bool {
        !self.running.get() && self.batches.with(|b| b.iter().any(BatchProgress::resumable)) && self.resume_settings().is_ok()
    }

    /// Starts from the beginning with the current settings; pages fetched
    /// before (of these batches or the previous fetch's) are discarded.
    pub fn start(&self) {
        if self.running.get_untracked() {
            return;
        }
        let Ok(checked) = check(&self.settings()) else { return };
        let run = FetchRun { batches: checked.batches.clone(), pull: checked.pull };
        let mut discarded: Vec<String> = self.run.with_untracked(|r| r.as_ref().map(|r| r.batches.clone()).unwrap_or_default());
        let added: Vec<String> = run.batches.iter().filter(|m| !discarded.contains(m)).cloned().collect();
        discarded.extend(added);
        self.pages.update_value(|pages| pages.clear());
        self.batches.set(run.batches.iter().cloned().map(BatchProgress::new).collect());
        self.run.set(Some(run.clone()));
        let controller = *self;
        self.begin(move || async move {
            controller.storage_settled().await;
            if let Some(saved) = controller.saved.get_value() {
                let stored = async {
                    saved.forget(&discarded).await?;
                    saved.save_run(&run).await
                };
                if let Err(error) = stored.await {
                    controller.storage_failed(&error.to_string());
                }
            }
            controller.drive(checked, run).await;
        });
    }

    /// Continues every unfinished batch of the last fetch from its last good
    /// cursor; finished batches are left as they are.
    pub fn resume(&self) {
        if self.running.get_untracked() {
            return;
        }
        let Some((checked, run)) = self.resume_settings().ok() else { return };
        let controller = *self;
        self.begin(move || async move {
            controller.storage_settled().await;
            controller.drive(checked, run).await;
        });
    }

    /// The settings a resume uses: the last fetch's batches and pull, the
    /// current proxy, token, partner code, cursor key and page limit.
    fn resume_settings(&self) -> Result<(Checked, FetchRun), Vec<Problem>> {
        let run = self.run.get().ok_or_else(Vec::new)?;
        let mut settings = self.settings();
        settings.batches = run.batches.join("\n");
        settings.pull = run.pull;
        Ok((check(&settings)?, run))
    }

    pub fn cancel(&self) {
        if let Some(token) = self.cancel.get_value() {
            token.cancel();
        }
    }

    /// Marks the fetch running and runs it with a fresh cancel token.
    fn begin<F, Fut>(&self, job: F)
    where
        F: FnOnce() -> Fut + 'static,
        Fut: std::future::Future<Output = ()> + 'static,
    {
        self.cancel.set_value(Some(Rc::new(CancelToken::default())));
        self.running.set(true);
        let controller = *self;
        spawn_local(async move {
            job().await;
            controller.running.set(false);
            controller.cancel.set_value(None);
        });
    }

    // ---- shared helpers ----------------------------------------------------

    /// Waits (briefly) until IndexedDB has opened or failed, so that a fetch
    /// started right after the page loads is saved like any other.
    async fn storage_settled(&self) {
        for _ in 0..100 {
            if self.storage.get_untracked() != Storage::Opening {
                return;
            }
            super::timer::sleep(50).await;
        }
    }

    pub(super) fn update_batch(&self, mix_id: &str, change: impl FnOnce(&mut BatchProgress)) {
        self.batches.update(|batches| {
            if let Some(batch) = batches.iter_mut().find(|b| b.mix_id == mix_id) {
                change(batch);
            }
        });
    }

    pub(super) fn batch(&self, mix_id: &str) -> Option<BatchProgress> {
        self.batches.with_untracked(|batches| batches.iter().find(|b| b.mix_id == mix_id).cloned())
    }

    /// Tells the user once that saving failed; the fetch goes on in memory.
    pub(super) fn storage_failed(&self, detail: &str) {
        if self.storage.get_untracked() != Storage::Unavailable {
            self.storage.set(Storage::Unavailable);
            self.session.notify(storage_error(self.i18n.lang(), detail));
        }
    }
}
