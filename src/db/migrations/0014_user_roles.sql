-- Users get a role (issue 9): 'admin' sees the admin endpoints; everyone else is a 'user'.
alter table users
    add column role varchar(20) not null default 'user',
    add constraint users_role check (role in ('user', 'admin'));
