//! The main menu.

use crate::case::Draft;
use crate::conversation::base::buttons::Id;
use crate::conversation::base::reply::{Button, Out, Reply};
use crate::conversation::base::state::{Position, State};
use crate::conversation::check::flow;
use crate::render::Lang;

pub(crate) fn menu_buttons(s: &State) -> Vec<Vec<Button>> {
    let mut rows = vec![vec![Button::new(Id::MenuNew)]];
    if s.draft != Draft::default() && flow::first_open(&s.draft) != Position::Result {
        rows.insert(0, vec![Button::new(Id::MenuContinue)]);
    }
    rows.push(vec![Button::new(Id::MenuCases), Button::new(Id::MenuFollow)]);
    rows.push(vec![Button::new(Id::MenuTips), Button::new(Id::MenuHelp)]);
    let other = match s.lang() {
        Lang::ZhCn => Id::LangEn,
        Lang::En => Id::LangZhCN,
    };
    rows.push(vec![Button::new(other)]);
    rows
}

pub(crate) fn go_menu(s: &mut State, out: &mut Out) {
    s.at = Position::Menu;
    s.history.clear();
    out.say(Reply::key("menu").buttons(menu_buttons(s)));
}
